-- Calls and who takes part. A call is ringing (1:1, until answered), active, or ended; its
-- outcome and times make the call message written when it ends.
CREATE TABLE call_session (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  conversation_id BIGINT NOT NULL,
  is_group BOOLEAN NOT NULL,
  media VARCHAR(8) NOT NULL,
  caller_id BIGINT NOT NULL,
  state VARCHAR(8) NOT NULL,
  outcome VARCHAR(12) NULL,
  created_at DATETIME(3) NOT NULL,
  ring_deadline DATETIME(3) NULL,
  connected_at DATETIME(3) NULL,
  ended_at DATETIME(3) NULL,
  recorded BOOLEAN NOT NULL DEFAULT FALSE,
  -- at most one call that has not ended per conversation
  live_conversation BIGINT AS (IF(state = 'ended', NULL, conversation_id)) PERSISTENT,
  UNIQUE KEY uq_call_live_conversation (live_conversation),
  KEY ix_call_state_deadline (state, ring_deadline),
  KEY ix_call_unrecorded (recorded, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A participant is invited (ringing on all their sockets), joined (on one socket) or left.
CREATE TABLE call_participant (
  call_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  state VARCHAR(8) NOT NULL,
  socket_id VARCHAR(100) NULL,
  joined_at DATETIME(3) NULL,
  left_at DATETIME(3) NULL,
  PRIMARY KEY (call_id, user_id),
  KEY ix_call_participant_socket (socket_id),
  CONSTRAINT fk_call_participant_call FOREIGN KEY (call_id) REFERENCES call_session (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The one call a user is busy with (ringing or in it): the primary key is the busy check.
CREATE TABLE call_line (
  user_id BIGINT PRIMARY KEY,
  call_id BIGINT NOT NULL,
  KEY ix_call_line_call (call_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
