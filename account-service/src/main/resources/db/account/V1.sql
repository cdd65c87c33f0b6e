-- Users, sessions (refresh-token families), refresh tokens, reset codes, device links.
-- unicode_520_ci: case-insensitive, and unlike unicode_ci it tells emoji apart in LIKE searches.
CREATE TABLE app_user (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(32) NOT NULL,
  display_name VARCHAR(64) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  email VARCHAR(254) NULL,
  phone VARCHAR(32) NULL,
  signature VARCHAR(200) NULL,
  avatar_file_id BIGINT NULL,
  created_at DATETIME(3) NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_app_user_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE user_session (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  created_at DATETIME(3) NOT NULL,
  revoked_at DATETIME(3) NULL,
  revoke_reason VARCHAR(32) NULL,
  KEY ix_user_session_user (user_id),
  CONSTRAINT fk_user_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE refresh_token (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  session_id BIGINT NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  rotated_at DATETIME(3) NULL,
  UNIQUE KEY uq_refresh_token_hash (token_hash),
  KEY ix_refresh_token_session (session_id),
  CONSTRAINT fk_refresh_token_session FOREIGN KEY (session_id) REFERENCES user_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE password_reset (
  user_id BIGINT PRIMARY KEY,
  code_hash BINARY(32) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  created_at DATETIME(3) NOT NULL,
  CONSTRAINT fk_password_reset_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE device_link (
  id BIGINT PRIMARY KEY,
  code CHAR(8) NOT NULL,
  status VARCHAR(16) NOT NULL,
  user_id BIGINT NULL,
  expires_at DATETIME(3) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY uq_device_link_code (code),
  KEY ix_device_link_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
