-- clientMsgIds are compared byte for byte: "abc", "ABC" and "abc " are three different sends
-- (a PAD SPACE collation such as utf8mb4_bin would still ignore the trailing space).
ALTER TABLE message MODIFY client_msg_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
