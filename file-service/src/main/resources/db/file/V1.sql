-- Uploads in progress (tus) and the files they became. The bytes live on disk: an upload's
-- partial file under uploads/, a finished file's content once under blobs/ by its sha256.
CREATE TABLE upload (
  id CHAR(32) CHARACTER SET ascii PRIMARY KEY,
  owner_id BIGINT NOT NULL,
  length BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  declared_type VARCHAR(127) NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  file_id BIGINT NULL,
  KEY ix_upload_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE file (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  owner_id BIGINT NOT NULL,
  sha256 CHAR(64) CHARACTER SET ascii NOT NULL,
  size BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  mime VARCHAR(127) NOT NULL,
  width INT NULL,
  height INT NULL,
  thumbnail_sha256 CHAR(64) CHARACTER SET ascii NULL,
  created_at DATETIME(3) NOT NULL,
  KEY ix_file_sha256 (sha256),
  KEY ix_file_owner (owner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
