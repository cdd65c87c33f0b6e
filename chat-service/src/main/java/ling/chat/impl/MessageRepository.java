package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import ling.common.Times;
import ling.common.db.Rows;

/**
 * Messages ({@code message}) as they are read, changed and recalled, and each member's view of a
 * conversation (read seq, mute, pin). New messages are stored by {@link MessageStore}.
 */
final class MessageRepository {

  /** What a user may do in a conversation: nothing when absent. */
  record Access(String type, Long groupId, boolean closed, boolean active, String role, long lastSeq) {
  }

  record MessageRow(long id, long conversationId, long seq, long senderId, String clientMsgId, String kind,
                    String body, Long fileId, Long replyToId, String meta, LocalDateTime createdAt,
                    LocalDateTime recalledAt) {
  }

  record SummaryRow(long id, String type, Long groupId, Long peerId, long lastSeq, long readSeq, boolean muted,
                    boolean pinned, boolean closed, LocalDateTime updatedAt, MessageRow last, long unreadMentions) {
  }

  static final String MESSAGE_COLUMNS = "id, conversation_id, seq, sender_id, client_msg_id, kind, body, "
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

  Future<Optional<MessageRow>> find(long messageId) {
    return pool.preparedQuery("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE id = ?").execute(Tuple.of(messageId))
        .map(rows -> Rows.first(rows, MessageRepository::map));
  }

  /** Whether the user is an active member of a conversation where the file was sent and not recalled. */
  Future<Boolean> canReadFile(long userId, long fileId) {
    return pool.preparedQuery("SELECT 1 FROM message m JOIN conversation_member cm ON cm.conversation_id = m.conversation_id "
            + "AND cm.user_id = ? AND cm.left_at IS NULL WHERE m.file_id = ? AND m.recalled_at IS NULL LIMIT 1")
        .execute(Tuple.of(userId, fileId))
        .map(rows -> rows.size() > 0);
  }

  /**
   * What a message showed of a file the user may read because it was sent (and not recalled) in a
   * conversation they are an active member of: so that they may send it on. Empty otherwise.
   */
  Future<java.util.Optional<String>> readableFileMeta(long userId, long fileId) {
    return pool.preparedQuery("SELECT m.meta FROM message m JOIN conversation_member cm ON cm.conversation_id = "
            + "m.conversation_id AND cm.user_id = ? AND cm.left_at IS NULL WHERE m.file_id = ? AND m.recalled_at IS NULL "
            + "AND m.meta IS NOT NULL ORDER BY m.id DESC LIMIT 1")
        .execute(Tuple.of(userId, fileId))
        .map(rows -> rows.size() == 0 ? java.util.Optional.<String>empty()
            : java.util.Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  Future<List<Long>> activeMembers(long conversationId) {
    return pool.preparedQuery("SELECT user_id FROM conversation_member WHERE conversation_id = ? AND left_at IS NULL")
        .execute(Tuple.of(conversationId))
        .map(rows -> Rows.all(rows, row -> row.getLong(0)));
  }

  /**
   * The active members of each of the conversations, by conversation (one without any is absent).
   * The list of ids is padded to a power of two with 0, which no conversation has, so that a
   * connection prepares a few statements, not one per count.
   */
  Future<java.util.Map<Long, List<Long>>> activeMembers(List<Long> conversationIds) {
    int rows = BatchStatements.bucket(conversationIds.size());
    Tuple ids = Tuple.tuple();
    conversationIds.forEach(ids::addLong);
    for (int i = conversationIds.size(); i < rows; i++) {
      ids.addLong(0L);
    }
    return pool.preparedQuery("SELECT conversation_id, user_id FROM conversation_member WHERE conversation_id IN ("
            + String.join(", ", Collections.nCopies(rows, "?")) + ") AND left_at IS NULL")
        .execute(ids)
        .map(found -> {
          java.util.Map<Long, List<Long>> byConversation = new java.util.HashMap<>();
          for (Row row : found) {
            byConversation.computeIfAbsent(row.getLong(0), id -> new ArrayList<>()).add(row.getLong(1));
          }
          return byConversation;
        });
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

  /** The user's conversations with their last message, in one query: pinned first, then most recent. */
  Future<List<SummaryRow>> summaries(long userId, Long onlyConversation) {
    String filter = onlyConversation == null ? "" : "AND c.id = ? ";
    Tuple params = Tuple.of(userId, userId, userId);
    if (onlyConversation != null) {
      params.addValue(onlyConversation);
    }
    return pool.preparedQuery("SELECT c.id AS cid, c.type, c.group_id, c.last_seq, c.closed_at, c.updated_at, "
            + "m.read_seq, m.muted, m.pinned, "
            + "(SELECT p.user_id FROM conversation_member p WHERE p.conversation_id = c.id AND p.user_id <> ? LIMIT 1) "
            + "AS peer_id, "
            + "(SELECT COUNT(DISTINCT mm.seq) FROM message_mention mm JOIN message mx ON mx.conversation_id = mm.conversation_id "
            + "AND mx.seq = mm.seq AND mx.recalled_at IS NULL WHERE mm.conversation_id = c.id AND mm.user_id IN (?, 0) "
            + "AND mm.seq > m.read_seq) AS unread_mentions, "
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
            row.getLong("id") == null ? null : map(row), row.getLong("unread_mentions"))));
  }

  static MessageRow map(Row row) {
    return new MessageRow(row.getLong("id"), row.getLong("conversation_id"), row.getLong("seq"),
        row.getLong("sender_id"), row.getString("client_msg_id"), row.getString("kind"), row.getString("body"),
        row.getLong("file_id"), row.getLong("reply_to_id"), row.getString("meta"), row.getLocalDateTime("created_at"),
        row.getLocalDateTime("recalled_at"));
  }
}
