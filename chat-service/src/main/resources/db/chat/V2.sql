-- Messages: seq is per conversation and unique; (sender, client_msg_id) makes resends idempotent.
ALTER TABLE conversation_member ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT 'member';

CREATE TABLE message (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  conversation_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  sender_id BIGINT NOT NULL,
  client_msg_id VARCHAR(64) NOT NULL,
  kind VARCHAR(8) NOT NULL,
  body TEXT NULL,
  file_id BIGINT NULL,
  reply_to_id BIGINT NULL,
  meta TEXT NULL,
  created_at DATETIME(3) NOT NULL,
  recalled_at DATETIME(3) NULL,
  UNIQUE KEY uq_message_seq (conversation_id, seq),
  UNIQUE KEY uq_message_client (sender_id, client_msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
