-- Questions taken up, by message: every assistant-service instance hears each question, and only
-- the one whose row this is answers it.
CREATE TABLE assistant_question (
  message_id BIGINT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  asked_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
