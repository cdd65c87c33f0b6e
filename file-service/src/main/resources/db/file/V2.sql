-- Avatars are readable by anyone signed in.
ALTER TABLE file ADD COLUMN public_read BOOLEAN NOT NULL DEFAULT FALSE;
