-- Who each group text mentions (user 0: everyone), so that a conversation's row can say that an
-- unread message mentions its reader without reading the messages.
CREATE TABLE message_mention (
  conversation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
