-- Changes of who is in a conversation, written by the transaction that decides them and delivered
-- to the chat service after it commits, at least once and in order per group or pair of friends
-- (order_key): seq numbers each key's changes from 1 without gaps.
CREATE TABLE membership_outbox (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  order_key VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  change_json TEXT NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  last_error VARCHAR(255) NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_membership_outbox_order (order_key, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- the last seq given out per key; its row lock orders concurrent changes of one key
CREATE TABLE membership_order (
  order_key VARCHAR(64) PRIMARY KEY,
  last_seq BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- a friendship's conversation is known once the chat service has opened it
ALTER TABLE friendship MODIFY conversation_id BIGINT NULL;
