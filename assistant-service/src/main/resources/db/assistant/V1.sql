-- Each user's use of the assistant: questions asked in the current window (which starts at the
-- first question after the last window ended), and until when an answer is being written for
-- them (one at a time; a lease, so that an instance that dies mid-answer does not lock them out).
CREATE TABLE assistant_usage (
  user_id BIGINT PRIMARY KEY,
  window_started_at DATETIME(3) NOT NULL,
  used INT NOT NULL,
  answering_until DATETIME(3) NULL,
  updated_at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
