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

/** The {@code app_user} table. */
final class UserRepository {

  static final int DUPLICATE_KEY = 1062;
  private static final String COLUMNS =
      "id, username, display_name, password_hash, email, phone, signature, avatar_file_id, created_at";

  record UserRow(long id, String username, String displayName, String passwordHash, String email, String phone,
                 String signature, Long avatarFileId, LocalDateTime createdAt) {
  }

  private final Pool pool;

  UserRepository(Pool pool) {
    this.pool = pool;
  }

  /** The new user's id; fails with MySQL error 1062 when the username is taken. */
  Future<Long> insert(String username, String displayName, String passwordHash, String email, String phone) {
    LocalDateTime now = Times.nowUtc();
    return pool.preparedQuery("INSERT INTO app_user (username, display_name, password_hash, email, phone, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(username, displayName, passwordHash, email, phone, now, now))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  Future<Optional<UserRow>> findById(SqlClient client, long id) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE id = ?")
        .execute(Tuple.of(id)).map(UserRepository::first);
  }

  Future<Optional<UserRow>> findById(long id) {
    return findById(pool, id);
  }

  Future<Optional<UserRow>> findByUsername(String username) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")
        .execute(Tuple.of(username)).map(UserRepository::first);
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
  Future<List<UserRow>> search(String likeEscaped, int limit, Long beforeId) {
    String pattern = "%" + likeEscaped + "%";
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM app_user "
            + "WHERE (username LIKE ? OR display_name LIKE ?) AND id < ? ORDER BY id DESC LIMIT ?")
        .execute(Tuple.of(pattern, pattern, beforeId == null ? Long.MAX_VALUE : beforeId, limit))
        .map(rows -> {
          List<UserRow> out = new ArrayList<>();
          rows.forEach(row -> out.add(map(row)));
          return out;
        });
  }

  static boolean isDuplicateKey(Throwable error) {
    return error instanceof MySQLException e && e.getErrorCode() == DUPLICATE_KEY;
  }

  private static Optional<UserRow> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  private static UserRow map(Row row) {
    return new UserRow(row.getLong("id"), row.getString("username"), row.getString("display_name"),
        row.getString("password_hash"), row.getString("email"), row.getString("phone"), row.getString("signature"),
        row.getLong("avatar_file_id"), row.getLocalDateTime("created_at"));
  }
}
