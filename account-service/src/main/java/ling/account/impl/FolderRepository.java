package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ling.common.Times;
import ling.common.db.Transactions;

/** Contact folders ({@code friend_folder}); every query is scoped to the owning user. */
final class FolderRepository {

  record FolderRow(long id, String name, boolean isDefault, int friendCount) {
  }

  private static final String SELECT = "SELECT ff.id, ff.name, ff.is_default, "
      + "(SELECT COUNT(*) FROM friendship f WHERE f.folder_id = ff.id) AS friend_count FROM friend_folder ff ";

  private final Pool pool;

  FolderRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<FolderRow>> list(long userId) {
    return pool.preparedQuery(SELECT + "WHERE ff.user_id = ? ORDER BY ff.is_default DESC, ff.id")
        .execute(Tuple.of(userId))
        .map(rows -> {
          List<FolderRow> out = new ArrayList<>();
          rows.forEach(row -> out.add(map(row)));
          return out;
        });
  }

  Future<Optional<FolderRow>> find(long userId, long folderId) {
    return pool.preparedQuery(SELECT + "WHERE ff.user_id = ? AND ff.id = ?")
        .execute(Tuple.of(userId, folderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next())));
  }

  Future<Long> defaultFolderId(SqlClient client, long userId) {
    return client.preparedQuery("SELECT id FROM friend_folder WHERE user_id = ? AND is_default")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  Future<Integer> count(long userId) {
    return pool.preparedQuery("SELECT COUNT(*) FROM friend_folder WHERE user_id = ?")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Fails with a duplicate-key error when the user has a folder of that name. */
  Future<Long> insert(long userId, String name) {
    return pool.preparedQuery("INSERT INTO friend_folder (user_id, name, created_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(userId, name, Times.nowUtc()))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  /** Fails with a duplicate-key error when the user has another folder of that name. */
  Future<Void> rename(long userId, long folderId, String name) {
    return pool.preparedQuery("UPDATE friend_folder SET name = ? WHERE user_id = ? AND id = ?")
        .execute(Tuple.of(name, userId, folderId))
        .mapEmpty();
  }

  /** Moves the folder's friends to the default folder, then deletes it. */
  Future<Void> delete(long userId, long folderId) {
    return Transactions.withRetry(pool, conn -> defaultFolderId(conn, userId)
        .compose(defaultId -> conn.preparedQuery("UPDATE friendship SET folder_id = ? WHERE user_id = ? AND folder_id = ?")
            .execute(Tuple.of(defaultId, userId, folderId)))
        .compose(x -> conn.preparedQuery("DELETE FROM friend_folder WHERE user_id = ? AND id = ? AND NOT is_default")
            .execute(Tuple.of(userId, folderId)))
        .mapEmpty());
  }

  private static FolderRow map(Row row) {
    return new FolderRow(row.getLong("id"), row.getString("name"), row.getBoolean("is_default"),
        row.getInteger("friend_count"));
  }
}
