package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import ling.common.Times;

/** Conversations and their members ({@code conversation}, {@code conversation_member}). */
final class ConversationRepository {

  private final Pool pool;

  ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Finds or creates the direct conversation of a pair and makes both active members of it. */
  Future<Long> openDirect(long userA, long userB) {
    String key = Math.min(userA, userB) + ":" + Math.max(userA, userB);
    return pool.withTransaction(conn -> findOrCreate(conn, "direct", "direct_key", key)
        .compose(id -> conn.preparedQuery("UPDATE conversation SET closed_at = NULL, updated_at = ? WHERE id = ?")
            .execute(Tuple.of(Times.nowUtc(), id))
            .compose(x -> join(conn, id, List.of(userA, userB)))
            .map(id)));
  }

  /** Closes a pair's direct conversation (if any): members keep history but cannot send. */
  Future<Void> closeDirect(long userA, long userB) {
    String key = Math.min(userA, userB) + ":" + Math.max(userA, userB);
    return pool.preparedQuery("UPDATE conversation SET closed_at = ?, updated_at = ? WHERE direct_key = ?")
        .execute(Tuple.of(Times.nowUtc(), Times.nowUtc(), key)).mapEmpty();
  }

  Future<Long> openGroup(long groupId, List<Long> memberIds) {
    return pool.withTransaction(conn -> findOrCreate(conn, "group", "group_id", groupId)
        .compose(id -> join(conn, id, memberIds).map(id)));
  }

  Future<Void> addMembers(long conversationId, List<Long> userIds) {
    return pool.withTransaction(conn -> join(conn, conversationId, userIds));
  }

  Future<Void> removeMembers(long conversationId, List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = Times.nowUtc();
    return pool.preparedQuery("UPDATE conversation_member SET left_at = ? "
            + "WHERE conversation_id = ? AND user_id = ? AND left_at IS NULL")
        .executeBatch(userIds.stream().map(u -> Tuple.of(now, conversationId, u)).toList())
        .mapEmpty();
  }

  Future<Void> close(long conversationId) {
    return pool.preparedQuery("UPDATE conversation SET closed_at = ?, updated_at = ? WHERE id = ?")
        .execute(Tuple.of(Times.nowUtc(), Times.nowUtc(), conversationId)).mapEmpty();
  }

  private Future<Long> findOrCreate(SqlConnection conn, String type, String keyColumn, Object key) {
    LocalDateTime now = Times.nowUtc();
    // the unique key makes concurrent opens of the same conversation meet on one row
    return conn.preparedQuery("INSERT INTO conversation (type, " + keyColumn + ", created_at, updated_at) "
            + "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)")
        .execute(Tuple.of(type, key, now, now))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  /** Makes users active members (rejoining clears {@code left_at}). */
  private Future<Void> join(SqlConnection conn, long conversationId, List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = Times.nowUtc();
    return conn.preparedQuery("INSERT INTO conversation_member (conversation_id, user_id, joined_at) VALUES (?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE joined_at = IF(left_at IS NULL, joined_at, VALUES(joined_at)), left_at = NULL")
        .executeBatch(userIds.stream().map(u -> Tuple.of(conversationId, u, now)).toList())
        .mapEmpty();
  }
}
