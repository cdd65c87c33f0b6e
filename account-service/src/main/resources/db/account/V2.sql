-- Contact folders, friend requests, friendships (one row per side) and presence.
CREATE TABLE friend_folder (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  name VARCHAR(32) NOT NULL,
  is_default BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_friend_folder_name (user_id, name),
  CONSTRAINT fk_friend_folder_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT INTO friend_folder (user_id, name, is_default, created_at)
SELECT id, 'My Friends', TRUE, UTC_TIMESTAMP(3) FROM app_user;

-- pending_key is "from:to" while pending and NULL afterwards: one pending request per direction
CREATE TABLE friend_request (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  from_user_id BIGINT NOT NULL,
  to_user_id BIGINT NOT NULL,
  message VARCHAR(200) NULL,
  status VARCHAR(16) NOT NULL,
  pending_key VARCHAR(41) NULL,
  created_at DATETIME(3) NOT NULL,
  decided_at DATETIME(3) NULL,
  UNIQUE KEY uq_friend_request_pending (pending_key),
  KEY ix_friend_request_to (to_user_id, status),
  KEY ix_friend_request_from (from_user_id, status),
  CONSTRAINT fk_friend_request_from FOREIGN KEY (from_user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT fk_friend_request_to FOREIGN KEY (to_user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE friendship (
  user_id BIGINT NOT NULL,
  friend_id BIGINT NOT NULL,
  folder_id BIGINT NOT NULL,
  remark VARCHAR(64) NULL,
  conversation_id BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, friend_id),
  KEY ix_friendship_friend (friend_id),
  KEY ix_friendship_folder (folder_id),
  CONSTRAINT fk_friendship_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT fk_friendship_friend FOREIGN KEY (friend_id) REFERENCES app_user (id) ON DELETE CASCADE,
  CONSTRAINT fk_friendship_folder FOREIGN KEY (folder_id) REFERENCES friend_folder (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- a row per (user, gateway node) holding at least one socket of that user
CREATE TABLE presence (
  user_id BIGINT NOT NULL,
  node_id VARCHAR(64) NOT NULL,
  since DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, node_id),
  KEY ix_presence_node (node_id),
  CONSTRAINT fk_presence_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE gateway_node (
  node_id VARCHAR(64) PRIMARY KEY,
  last_seen DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
