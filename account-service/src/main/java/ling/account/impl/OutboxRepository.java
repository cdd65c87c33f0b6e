package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import ling.api.chat.MembershipChange;
import ling.common.Times;

/** The membership outbox ({@code membership_outbox}, {@code membership_order}). */
final class OutboxRepository {

  record Entry(long id, MembershipChange change, int attempts) {
  }

  private final Pool pool;

  OutboxRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Numbers the change within its key and writes it, in the caller's transaction; completes with
   * its row id. The key's row stays locked until that transaction ends, so changes of one group
   * get their numbers in the order they commit.
   */
  Future<Long> append(SqlConnection conn, MembershipChange change) {
    String key = change.orderKey();
    return conn.preparedQuery("INSERT INTO membership_order (order_key, last_seq) VALUES (?, LAST_INSERT_ID(1)) "
            + "ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + 1)")
        .execute(Tuple.of(key))
        .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID))
        .compose(seq -> {
          change.setSeq(seq);
          return conn.preparedQuery("INSERT INTO membership_outbox (order_key, seq, change_json, created_at) "
                  + "VALUES (?, ?, ?, ?)")
              .execute(Tuple.of(key, seq, change.toJson().encode(), Times.nowUtc()));
        })
        .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  /** The oldest changes not yet delivered, in the order they were written. */
  Future<List<Entry>> pending(int limit) {
    return pool.preparedQuery("SELECT id, change_json, attempts FROM membership_outbox ORDER BY id LIMIT ?")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<Entry> out = new ArrayList<>();
          for (Row row : rows) {
            out.add(new Entry(row.getLong("id"), new MembershipChange(new JsonObject(row.getString("change_json"))),
                row.getInteger("attempts")));
          }
          return out;
        });
  }

  Future<Void> delivered(long id) {
    return pool.preparedQuery("DELETE FROM membership_outbox WHERE id = ?").execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> failed(long id, String error) {
    String reason = error == null ? "unknown" : error.length() > 255 ? error.substring(0, 255) : error;
    return pool.preparedQuery("UPDATE membership_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
        .execute(Tuple.of(reason, id)).mapEmpty();
  }

  Future<Integer> count() {
    return pool.query("SELECT COUNT(*) FROM membership_outbox").execute()
        .map(rows -> rows.iterator().next().getInteger(0));
  }
}
