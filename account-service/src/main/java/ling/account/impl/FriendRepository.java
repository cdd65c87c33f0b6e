package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ling.account.impl.UserRepository.UserRow;
import ling.common.Times;

/** Friend requests ({@code friend_request}) and friendships ({@code friendship}, one row per side). */
final class FriendRepository {

  record RequestRow(long id, long fromId, long toId, String message, String status, LocalDateTime createdAt) {
  }

  record FriendRow(UserRow user, String remark, long folderId, long conversationId, LocalDateTime since) {
  }

  private static final String SELECT_FRIENDS = "SELECT " + UserRepository.COLUMNS_AS_SEEN_BY
      + ", fr.remark, fr.folder_id, fr.conversation_id, fr.created_at AS since "
      + "FROM friendship fr JOIN app_user u ON u.id = fr.friend_id WHERE fr.user_id = ? ";

  private final Pool pool;

  FriendRepository(Pool pool) {
    this.pool = pool;
  }

  /** Fails with a duplicate-key error when the same request is already pending. */
  Future<Long> insertRequest(long fromId, long toId, String message) {
    return pool.preparedQuery("INSERT INTO friend_request (from_user_id, to_user_id, message, status, pending_key, "
            + "created_at) VALUES (?, ?, ?, 'pending', ?, ?)")
        .execute(Tuple.of(fromId, toId, message, fromId + ":" + toId, Times.nowUtc()))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  Future<Optional<RequestRow>> findRequest(long id) {
    return pool.preparedQuery("SELECT * FROM friend_request WHERE id = ?").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapRequest(rows.iterator().next())));
  }

  /** Whether a request from {@code toId} to {@code fromId} is pending (the other direction). */
  Future<Boolean> pending(long fromId, long toId) {
    return pool.preparedQuery("SELECT 1 FROM friend_request WHERE pending_key = ?")
        .execute(Tuple.of(fromId + ":" + toId)).map(rows -> rows.size() > 0);
  }

  Future<List<RequestRow>> pendingRequests(long userId, boolean incoming) {
    String column = incoming ? "to_user_id" : "from_user_id";
    return pool.preparedQuery("SELECT * FROM friend_request WHERE " + column + " = ? AND status = 'pending' "
            + "ORDER BY id DESC LIMIT 200")
        .execute(Tuple.of(userId))
        .map(rows -> {
          List<RequestRow> out = new ArrayList<>();
          rows.forEach(row -> out.add(mapRequest(row)));
          return out;
        });
  }

  /** Locks a pending request for a decision; empty when it is no longer pending. */
  Future<Optional<RequestRow>> lockPending(SqlConnection conn, long id) {
    return conn.preparedQuery("SELECT * FROM friend_request WHERE id = ? AND status = 'pending' FOR UPDATE")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapRequest(rows.iterator().next())));
  }

  /** Closes every pending request between the two users, in both directions. */
  Future<Void> decide(SqlClient client, long a, long b, String status) {
    return client.preparedQuery("UPDATE friend_request SET status = ?, pending_key = NULL, decided_at = ? "
            + "WHERE pending_key IN (?, ?)")
        .execute(Tuple.of(status, Times.nowUtc(), a + ":" + b, b + ":" + a))
        .mapEmpty();
  }

  Future<Void> decide(SqlClient client, long requestId, String status) {
    return client.preparedQuery("UPDATE friend_request SET status = ?, pending_key = NULL, decided_at = ? WHERE id = ?")
        .execute(Tuple.of(status, Times.nowUtc(), requestId))
        .mapEmpty();
  }

  Future<Boolean> areFriends(long a, long b) {
    return pool.preparedQuery("SELECT 1 FROM friendship WHERE user_id = ? AND friend_id = ?")
        .execute(Tuple.of(a, b)).map(rows -> rows.size() > 0);
  }

  /**
   * One side of a friendship; an existing row is left as it is. (Not INSERT IGNORE: that would
   * also swallow a folder deleted meanwhile and leave half a friendship.)
   */
  /** One side of a friendship; its conversation is filled in once the chat service has opened it. */
  Future<Void> insertSide(SqlClient client, long userId, long friendId, long folderId, String remark) {
    return client.preparedQuery("INSERT INTO friendship (user_id, friend_id, folder_id, remark, "
            + "conversation_id, created_at) VALUES (?, ?, ?, ?, NULL, ?) ON DUPLICATE KEY UPDATE user_id = user_id")
        .execute(Tuple.of(userId, friendId, folderId, remark, Times.nowUtc()))
        .mapEmpty();
  }

  /** True when either side did not know the conversation yet. */
  Future<Boolean> setConversation(long a, long b, long conversationId) {
    return pool.preparedQuery("UPDATE friendship SET conversation_id = ? WHERE ((user_id = ? AND friend_id = ?) "
            + "OR (user_id = ? AND friend_id = ?)) AND (conversation_id IS NULL OR conversation_id <> ?)")
        .execute(Tuple.of(conversationId, a, b, b, a, conversationId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Both sides; false when they were not friends. */
  Future<Boolean> deleteFriendship(SqlClient client, long a, long b) {
    return client.preparedQuery("DELETE FROM friendship WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)")
        .execute(Tuple.of(a, b, b, a))
        .map(rows -> rows.rowCount() > 0);
  }

  Future<List<FriendRow>> friends(long userId) {
    return pool.preparedQuery(SELECT_FRIENDS + "ORDER BY fr.created_at")
        .execute(Tuple.of(userId, userId, userId))
        .map(FriendRepository::mapFriends);
  }

  Future<Optional<FriendRow>> friend(long userId, long friendId) {
    return pool.preparedQuery(SELECT_FRIENDS + "AND fr.friend_id = ?")
        .execute(Tuple.of(userId, userId, userId, friendId))
        .map(rows -> mapFriends(rows).stream().findFirst());
  }

  /** Sets the given columns of one side (keys from a fixed set of column names). */
  Future<Void> updateSide(long userId, long friendId, Map<String, Object> columns) {
    if (columns.isEmpty()) {
      return Future.succeededFuture();
    }
    StringBuilder sql = new StringBuilder("UPDATE friendship SET ");
    Tuple params = Tuple.tuple();
    columns.forEach((column, value) -> {
      sql.append(params.size() == 0 ? "" : ", ").append(column).append(" = ?");
      params.addValue(value);
    });
    sql.append(" WHERE user_id = ? AND friend_id = ?");
    params.addValue(userId).addValue(friendId);
    return pool.preparedQuery(sql.toString()).execute(params).mapEmpty();
  }

  private static List<FriendRow> mapFriends(RowSet<Row> rows) {
    List<FriendRow> out = new ArrayList<>();
    rows.forEach(row -> out.add(new FriendRow(UserRepository.map(row), row.getString("remark"),
        row.getLong("folder_id"), row.getLong("conversation_id") == null ? 0 : row.getLong("conversation_id"), row.getLocalDateTime("since"))));
    return out;
  }

  private static RequestRow mapRequest(Row row) {
    return new RequestRow(row.getLong("id"), row.getLong("from_user_id"), row.getLong("to_user_id"),
        row.getString("message"), row.getString("status"), row.getLocalDateTime("created_at"));
  }
}
