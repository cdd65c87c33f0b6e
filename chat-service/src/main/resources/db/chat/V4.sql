-- Who may read a file: members of a conversation where it was sent.
ALTER TABLE message ADD KEY ix_message_file (file_id);
