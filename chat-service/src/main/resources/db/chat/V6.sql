-- The send connections of each clustered chat-service instance: a survivor kills those of an
-- instance that died, whose open transaction would otherwise hold the ring's row (and the
-- conversations it was storing) until the database noticed the client was gone.
CREATE TABLE chat_instance_connection (
  instance VARCHAR(128) NOT NULL,
  connection_id BIGINT NOT NULL,
  PRIMARY KEY (instance, connection_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
