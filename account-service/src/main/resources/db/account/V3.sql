-- Groups, their members with roles and nicknames, and requests to join.
CREATE TABLE chat_group (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  avatar_file_id BIGINT NULL,
  announcement VARCHAR(1000) NULL,
  owner_id BIGINT NOT NULL,
  join_policy VARCHAR(8) NOT NULL,
  conversation_id BIGINT NULL,
  member_count INT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  dissolved_at DATETIME(3) NULL,
  KEY ix_chat_group_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE group_member (
  group_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  role VARCHAR(8) NOT NULL,
  nickname VARCHAR(64) NULL,
  joined_at DATETIME(3) NOT NULL,
  PRIMARY KEY (group_id, user_id),
  KEY ix_group_member_user (user_id),
  CONSTRAINT fk_group_member_group FOREIGN KEY (group_id) REFERENCES chat_group (id) ON DELETE CASCADE,
  CONSTRAINT fk_group_member_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- pending_key is "group:user" while pending: one pending request per user and group
CREATE TABLE group_join_request (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  group_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  message VARCHAR(200) NULL,
  status VARCHAR(16) NOT NULL,
  pending_key VARCHAR(41) NULL,
  created_at DATETIME(3) NOT NULL,
  decided_at DATETIME(3) NULL,
  decided_by BIGINT NULL,
  UNIQUE KEY uq_group_join_request_pending (pending_key),
  KEY ix_group_join_request_group (group_id, status),
  CONSTRAINT fk_group_join_request_group FOREIGN KEY (group_id) REFERENCES chat_group (id) ON DELETE CASCADE,
  CONSTRAINT fk_group_join_request_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
