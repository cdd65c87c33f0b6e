-- Which chat-service instances own conversations, per cluster, and the epoch of that membership.
-- A commit of messages holds this row's shared lock and checks the epoch it owns them under; a
-- change of members takes the exclusive lock, so it waits for the commits of the old epoch.
CREATE TABLE chat_ring (
  ring VARCHAR(128) NOT NULL PRIMARY KEY,
  epoch BIGINT NOT NULL,
  members TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
