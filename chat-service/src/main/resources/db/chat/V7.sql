-- The last membership change applied to each conversation, numbered per group (or pair of friends)
-- by the account service: a change is applied once, and only right after the one before it.
ALTER TABLE conversation ADD COLUMN membership_seq BIGINT NOT NULL DEFAULT 0;
