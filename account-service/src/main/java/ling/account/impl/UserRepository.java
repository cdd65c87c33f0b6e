package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ling.common.Times;
import ling.common.db.Transactions;

/** The {@code app_user} table. */
final class UserRepository {

  static final int DUPLICATE_KEY = 1062;
  /** The user columns plus whether the viewer (the two parameters) may see the user online. */
  static final String COLUMNS_AS_SEEN_BY = "u.id, u.username, u.display_name, u.password_hash, u.email, "
      + "u.phone, u.signature, u.avatar_file_id, u.created_at, "
      + "(EXISTS (SELECT 1 FROM presence p WHERE p.user_id = u.id) AND (u.id = ? OR EXISTS "
      + "(SELECT 1 FROM friendship f WHERE f.user_id = ? AND f.friend_id = u.id))) AS online";
  static final String SELECT_AS_SEEN_BY = "SELECT " + COLUMNS_AS_SEEN_BY + " FROM app_user u ";

  /** The viewer for what many people receive alike (group events): it sees nobody online. */
  static final long NOBODY = 0L;

  record UserRow(long id, String username, String displayName, String passwordHash, String email, String phone,
                 String signature, Long avatarFileId, LocalDateTime createdAt, boolean online) {
  }

  private final Pool pool;

  UserRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The new user's id, created with the default contact folder every user has; fails with MySQL
   * error 1062 when the username is taken.
   */
  Future<Long> insert(String username, String displayName, String passwordHash, String email, String phone,
                      String defaultFolderName) {
    LocalDateTime now = Times.nowUtc();
    return Transactions.withRetry(pool, conn -> conn.preparedQuery("INSERT INTO app_user (username, display_name, "
                + "password_hash, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(username, displayName, passwordHash, email, phone, now, now))
        .compose(rows -> {
          long id = rows.property(MySQLClient.LAST_INSERTED_ID);
          return conn.preparedQuery("INSERT INTO friend_folder (user_id, name, is_default, created_at) "
                  + "VALUES (?, ?, TRUE, ?)")
              .execute(Tuple.of(id, defaultFolderName, now))
              .map(id);
        }));
  }

  /** A user as {@code viewerId} sees them (online only to themselves and their friends). */
  Future<Optional<UserRow>> findById(long viewerId, long id) {
    return pool.preparedQuery(SELECT_AS_SEEN_BY + "WHERE u.id = ?")
        .execute(Tuple.of(viewerId, viewerId, id)).map(UserRepository::first);
  }

  /** Users by id as {@code viewerId} sees them; unknown ids are left out. */
  Future<Map<Long, UserRow>> findByIds(long viewerId, java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Long> distinct = ids.stream().distinct().toList();
    String marks = String.join(", ", java.util.Collections.nCopies(distinct.size(), "?"));
    Tuple params = Tuple.of(viewerId, viewerId);
    distinct.forEach(params::addValue);
    return pool.preparedQuery(SELECT_AS_SEEN_BY + "WHERE u.id IN (" + marks + ")").execute(params)
        .map(rows -> {
          Map<Long, UserRow> out = new java.util.HashMap<>();
          rows.forEach(row -> out.put(row.getLong("id"), map(row)));
          return out;
        });
  }

  /** A user as they see themselves. */
  Future<Optional<UserRow>> findById(long id) {
    return findById(id, id);
  }

  Future<Optional<UserRow>> findByUsername(String username) {
    return pool.preparedQuery(SELECT_AS_SEEN_BY + "WHERE u.username = ?")
        .execute(Tuple.of(NOBODY, NOBODY, username)).map(UserRepository::first);
  }

  Future<Void> updatePasswordHash(SqlClient client, long id, String passwordHash) {
    return client.preparedQuery("UPDATE app_user SET password_hash = ?, updated_at = ? WHERE id = ?")
        .execute(Tuple.of(passwordHash, Times.nowUtc(), id)).mapEmpty();
  }

  /** Sets the given columns (already validated; keys are column names from a fixed set). */
  Future<Void> updateProfile(long id, Map<String, Object> columns) {
    if (columns.isEmpty()) {
      return Future.succeededFuture();
    }
    StringBuilder sql = new StringBuilder("UPDATE app_user SET ");
    Tuple params = Tuple.tuple();
    for (Map.Entry<String, Object> e : columns.entrySet()) {
      sql.append(e.getKey()).append(" = ?, ");
      params.addValue(e.getValue());
    }
    sql.append("updated_at = ? WHERE id = ?");
    params.addValue(Times.nowUtc()).addValue(id);
    return pool.preparedQuery(sql.toString()).execute(params).mapEmpty();
  }

  /** Users whose username or display name contains the query (already LIKE-escaped), newest first. */
  Future<List<UserRow>> search(long viewerId, String likeEscaped, int limit, Long beforeId) {
    String pattern = "%" + likeEscaped + "%";
    return pool.preparedQuery(SELECT_AS_SEEN_BY
            + "WHERE (u.username LIKE ? OR u.display_name LIKE ?) AND u.id < ? ORDER BY u.id DESC LIMIT ?")
        .execute(Tuple.of(viewerId, viewerId, pattern, pattern, beforeId == null ? Long.MAX_VALUE : beforeId, limit))
        .map(rows -> {
          List<UserRow> out = new ArrayList<>();
          rows.forEach(row -> out.add(map(row)));
          return out;
        });
  }

  /** A row that referred to another that is gone (a folder deleted meanwhile, say). */
  static boolean isMissingReference(Throwable error) {
    return error instanceof MySQLException e && e.getErrorCode() == 1452;
  }

  static boolean isDuplicateKey(Throwable error) {
    return error instanceof MySQLException e && e.getErrorCode() == DUPLICATE_KEY;
  }

  private static Optional<UserRow> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  static UserRow map(Row row) {
    return new UserRow(row.getLong("id"), row.getString("username"), row.getString("display_name"),
        row.getString("password_hash"), row.getString("email"), row.getString("phone"), row.getString("signature"),
        row.getLong("avatar_file_id"), row.getLocalDateTime("created_at"), row.getBoolean("online"));
  }
}
