package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import ling.common.Times;
import ling.common.db.Rows;

/** Messages ({@code message}) and each member's view of a conversation (read seq, mute, pin). */
final class MessageRepository {

  /** What a user may do in a conversation: nothing when absent. */
  record Access(String type, Long groupId, boolean closed, boolean active, String role, long lastSeq) {
  }

  record MessageRow(long id, long conversationId, long seq, long senderId, String clientMsgId, String kind,
                    String body, Long fileId, Long replyToId, String meta, LocalDateTime createdAt,
                    LocalDateTime recalledAt) {
  }

  record SummaryRow(long id, String type, Long groupId, Long peerId, long lastSeq, long readSeq, boolean muted,
                    boolean pinned, boolean closed, LocalDateTime updatedAt, MessageRow last) {
  }

  private static final String MESSAGE_COLUMNS = "id, conversation_id, seq, sender_id, client_msg_id, kind, body, "
      + "file_id, reply_to_id, meta, created_at, recalled_at";

  private final Pool pool;

  MessageRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Access>> access(long conversationId, long userId) {
    return pool.preparedQuery("SELECT c.type, c.group_id, c.closed_at, c.last_seq, m.left_at, m.role "
            + "FROM conversation c JOIN conversation_member m ON m.conversation_id = c.id AND m.user_id = ? WHERE c.id = ?")
        .execute(Tuple.of(userId, conversationId))
        .map(rows -> Rows.first(rows, row -> new Access(row.getString("type"), row.getLong("group_id"),
            row.getLocalDateTime("closed_at") != null, row.getLocalDateTime("left_at") == null,
            row.getString("role"), row.getLong("last_seq"))));
  }

  Future<Optional<MessageRow>> byClientId(long senderId, String clientMsgId) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE sender_id = ? AND client_msg_id = ?")
        .execute(Tuple.of(senderId, clientMsgId))
        .map(rows -> Rows.first(rows, MessageRepository::map));
  }

  Future<Map<String, MessageRow>> byClientIds(long senderId, List<String> clientMsgIds) {
    String marks = String.join(", ", Collections.nCopies(clientMsgIds.size(), "?"));
    Tuple params = Tuple.of(senderId);
    clientMsgIds.forEach(params::addValue);
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE sender_id = ? AND client_msg_id IN ("
            + marks + ")")
        .execute(params)
        .map(rows -> {
          Map<String, MessageRow> out = new HashMap<>();
          rows.forEach(row -> out.put(row.getString("client_msg_id"), map(row)));
          return out;
        });
  }

  /**
   * Several messages of one sender in one transaction: one statement takes their seqs (and
   * checks membership), one batch inserts them. Empty when the sender may not send there; a
   * resend among them fails the whole transaction with a duplicate key.
   */
  Future<List<MessageRow>> insertAll(long conversationId, long senderId, List<ling.api.chat.SendRequest> sends) {
    LocalDateTime now = Times.nowUtc();
    int n = sends.size();
    return pool.withTransaction(conn -> conn
        .preparedQuery("UPDATE conversation c JOIN conversation_member m ON m.conversation_id = c.id "
            + "SET c.last_seq = LAST_INSERT_ID(c.last_seq + ?), c.updated_at = ? "
            + "WHERE c.id = ? AND c.closed_at IS NULL AND m.user_id = ? AND m.left_at IS NULL")
        .execute(Tuple.of(n, now, conversationId, senderId))
        .compose(updated -> {
          if (updated.rowCount() == 0) {
            return Future.succeededFuture(List.<MessageRow>of());
          }
          long last = updated.property(MySQLClient.LAST_INSERTED_ID);
          List<Tuple> rows = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            var send = sends.get(i);
            rows.add(Tuple.from(new Object[] {conversationId, last - n + 1 + i, senderId, send.getClientMsgId(),
                send.getKind(), send.getText(), send.getFileId(), null, null, now}));
          }
          return conn.preparedQuery("INSERT INTO message (conversation_id, seq, sender_id, client_msg_id, kind, body, "
                  + "file_id, reply_to_id, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .executeBatch(rows)
              .compose(x -> conn.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message "
                  + "WHERE conversation_id = ? AND seq > ? AND seq <= ? ORDER BY seq")
                  .execute(Tuple.of(conversationId, last - n, last)))
              .compose(inserted -> conn.preparedQuery("UPDATE conversation_member SET read_seq = ? "
                      + "WHERE conversation_id = ? AND user_id = ?")
                  .execute(Tuple.of(last, conversationId, senderId))
                  .map(x -> Rows.all(inserted, MessageRepository::map)));
        }));
  }

  Future<Optional<MessageRow>> find(long messageId) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE id = ?").execute(Tuple.of(messageId))
        .map(rows -> Rows.first(rows, MessageRepository::map));
  }

  /**
   * Takes the next seq and stores the message in one transaction: the row lock of the
   * conversation orders concurrent senders, so seqs are gapless and in commit order whatever
   * the number of instances. Empty when the conversation is closed.
   */
  /**
   * A user's message: empty when the conversation is closed or the sender is not an active member
   * of it, checked by the same statement that takes the seq (no separate look-up per send).
   */
  Future<Optional<MessageRow>> insert(long conversationId, long senderId, String clientMsgId, String kind, String body,
                                      Long fileId, Long replyToId) {
    return insert(conversationId, senderId, clientMsgId, kind, body, fileId, replyToId, null,
        "UPDATE conversation c JOIN conversation_member m ON m.conversation_id = c.id "
            + "SET c.last_seq = LAST_INSERT_ID(c.last_seq + 1), c.updated_at = ? "
            + "WHERE c.id = ? AND c.closed_at IS NULL AND m.user_id = ? AND m.left_at IS NULL",
        Tuple.of(Times.nowUtc(), conversationId, senderId));
  }

  /** A system message, recorded even in a closed conversation (the closing itself is one). */
  Future<Optional<MessageRow>> insertSystem(long conversationId, long senderId, String clientMsgId, String body,
                                            String meta) {
    return insert(conversationId, senderId, clientMsgId, "system", body, null, null, meta,
        "UPDATE conversation SET last_seq = LAST_INSERT_ID(last_seq + 1), updated_at = ? WHERE id = ?",
        Tuple.of(Times.nowUtc(), conversationId));
  }

  private Future<Optional<MessageRow>> insert(long conversationId, long senderId, String clientMsgId, String kind,
                                              String body, Long fileId, Long replyToId, String meta,
                                              String takeSeq, Tuple takeSeqParams) {
    LocalDateTime now = takeSeqParams.getLocalDateTime(0);
    return pool.withTransaction(conn -> conn
        .preparedQuery(takeSeq)
        .execute(takeSeqParams)
        .compose(updated -> {
          if (updated.rowCount() == 0) {
            return Future.succeededFuture(Optional.<MessageRow>empty());
          }
          long seq = updated.property(MySQLClient.LAST_INSERTED_ID);
          return conn.preparedQuery("INSERT INTO message (conversation_id, seq, sender_id, client_msg_id, kind, body, "
                  + "file_id, reply_to_id, meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .execute(Tuple.from(new Object[] {conversationId, seq, senderId, clientMsgId, kind, body, fileId,
                  replyToId, meta, now}))
              .compose(inserted -> conn.preparedQuery("UPDATE conversation_member SET read_seq = ? "
                      + "WHERE conversation_id = ? AND user_id = ?")
                  .execute(Tuple.of(seq, conversationId, senderId))
                  .map(x -> Optional.of(new MessageRow(inserted.property(MySQLClient.LAST_INSERTED_ID), conversationId,
                      seq, senderId, clientMsgId, kind, body, fileId, replyToId, meta, now, null))));
        }));
  }

  Future<List<Long>> activeMembers(long conversationId) {
    return pool.preparedQuery("SELECT user_id FROM conversation_member WHERE conversation_id = ? AND left_at IS NULL")
        .execute(Tuple.of(conversationId))
        .map(rows -> Rows.all(rows, row -> row.getLong(0)));
  }

  /** The newest {@code limit} messages before {@code beforeSeq}, ascending. */
  Future<List<MessageRow>> before(long conversationId, long beforeSeq, int limit) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND seq < ? "
            + "ORDER BY seq DESC LIMIT ?")
        .execute(Tuple.of(conversationId, beforeSeq, limit))
        .map(rows -> {
          List<MessageRow> out = Rows.all(rows, MessageRepository::map);
          Collections.reverse(out);
          return out;
        });
  }

  /** The oldest {@code limit} messages after {@code afterSeq}, ascending. */
  Future<List<MessageRow>> after(long conversationId, long afterSeq, int limit) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND seq > ? "
            + "ORDER BY seq LIMIT ?")
        .execute(Tuple.of(conversationId, afterSeq, limit))
        .map(rows -> Rows.all(rows, MessageRepository::map));
  }

  Future<List<MessageRow>> search(long conversationId, String likeEscaped, int limit) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND kind = 'text' "
            + "AND recalled_at IS NULL AND body LIKE ? ORDER BY seq DESC LIMIT ?")
        .execute(Tuple.of(conversationId, "%" + likeEscaped + "%", limit))
        .map(rows -> Rows.all(rows, MessageRepository::map));
  }

  /** Marks a message recalled (once); false when it already was. */
  Future<Boolean> recall(long messageId) {
    return pool.preparedQuery("UPDATE message SET recalled_at = ? WHERE id = ? AND recalled_at IS NULL")
        .execute(Tuple.of(Times.nowUtc(), messageId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Moves the read mark forward only; a seq beyond the last message is refused by the caller. */
  Future<Boolean> markRead(long conversationId, long userId, long seq) {
    return pool.preparedQuery("UPDATE conversation_member SET read_seq = ? WHERE conversation_id = ? AND user_id = ? "
            + "AND read_seq < ?")
        .execute(Tuple.of(seq, conversationId, userId, seq))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Void> setFlag(long conversationId, long userId, String column, boolean value) {
    return pool.preparedQuery("UPDATE conversation_member SET " + column + " = ? WHERE conversation_id = ? AND user_id = ?")
        .execute(Tuple.of(value, conversationId, userId)).mapEmpty();
  }

  Future<Void> setRole(long conversationId, long userId, String role) {
    return pool.preparedQuery("UPDATE conversation_member SET role = ? WHERE conversation_id = ? AND user_id = ?")
        .execute(Tuple.of(role, conversationId, userId)).mapEmpty();
  }

  /** The user's conversations with their last message, in one query: pinned first, then most recent. */
  Future<List<SummaryRow>> summaries(long userId, Long onlyConversation) {
    String filter = onlyConversation == null ? "" : "AND c.id = ? ";
    Tuple params = Tuple.of(userId, userId);
    if (onlyConversation != null) {
      params.addValue(onlyConversation);
    }
    return pool.preparedQuery("SELECT c.id AS cid, c.type, c.group_id, c.last_seq, c.closed_at, c.updated_at, "
            + "m.read_seq, m.muted, m.pinned, "
            + "(SELECT p.user_id FROM conversation_member p WHERE p.conversation_id = c.id AND p.user_id <> ? LIMIT 1) "
            + "AS peer_id, "
            + "lm.id, lm.conversation_id, lm.seq, lm.sender_id, lm.client_msg_id, lm.kind, lm.body, lm.file_id, "
            + "lm.reply_to_id, lm.meta, lm.created_at, lm.recalled_at "
            + "FROM conversation_member m JOIN conversation c ON c.id = m.conversation_id "
            + "LEFT JOIN message lm ON lm.conversation_id = c.id AND lm.seq = c.last_seq "
            + "WHERE m.user_id = ? AND m.left_at IS NULL " + filter
            + "ORDER BY m.pinned DESC, c.updated_at DESC")
        .execute(params)
        .map(rows -> Rows.all(rows, row -> new SummaryRow(row.getLong("cid"), row.getString("type"), row.getLong("group_id"),
            "direct".equals(row.getString("type")) ? row.getLong("peer_id") : null,
            row.getLong("last_seq"), row.getLong("read_seq"), row.getBoolean("muted"), row.getBoolean("pinned"),
            row.getLocalDateTime("closed_at") != null, row.getLocalDateTime("updated_at"),
            row.getLong("id") == null ? null : map(row))));
  }

  private static MessageRow map(Row row) {
    return new MessageRow(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
        row.getLong("sender_id"), row.getString("client_msg_id"), row.getString("kind"), row.getString("body"),
        row.getLong("file_id"), row.getLong("reply_to_id"), row.getString("meta"), row.getLocalDateTime("created_at"),
        row.getLocalDateTime("recalled_at"));
  }
}
