-- the sessions ended within an access token's lifetime are read at every start, to void their tokens again
CREATE INDEX user_session_revoked_at ON user_session (revoked_at);
