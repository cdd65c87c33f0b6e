-- Conversations and their members. Direct conversations are keyed by the pair ("low:high"),
-- group conversations by the group id, so that opening one twice finds the first.
CREATE TABLE conversation (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  type VARCHAR(8) NOT NULL,
  direct_key VARCHAR(41) NULL,
  group_id BIGINT NULL,
  last_seq BIGINT NOT NULL DEFAULT 0,
  closed_at DATETIME(3) NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_conversation_direct (direct_key),
  UNIQUE KEY uq_conversation_group (group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE conversation_member (
  conversation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  joined_at DATETIME(3) NOT NULL,
  left_at DATETIME(3) NULL,
  read_seq BIGINT NOT NULL DEFAULT 0,
  muted BOOLEAN NOT NULL DEFAULT FALSE,
  pinned BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (conversation_id, user_id),
  KEY ix_conversation_member_user (user_id, left_at),
  CONSTRAINT fk_conversation_member_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
