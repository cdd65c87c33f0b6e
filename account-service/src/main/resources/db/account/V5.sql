-- One row: this database's identity, made at its first start. Access tokens carry it, so that a
-- token signed for one database is refused by a server on another (a fresh one reuses user ids).
CREATE TABLE installation (
  singleton TINYINT PRIMARY KEY,
  id CHAR(36) NOT NULL,
  created_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
