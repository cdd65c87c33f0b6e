package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.function.BiFunction;
import ling.common.Times;
import ling.common.db.Transactions;

/**
 * Device links ({@code device_link}): {@code pending} until a signed-in user approves the code,
 * {@code approved} until the new device collects its tokens, then {@code consumed}.
 */
final class DeviceLinkRepository {

  enum State { MISSING, PENDING, EXPIRED, COLLECTED }

  record Poll<T>(State state, T session) {
  }

  private final Pool pool;

  DeviceLinkRepository(Pool pool) {
    this.pool = pool;
  }

  /** Fails with a duplicate-key error when the id or code is taken (the caller draws again). */
  Future<Void> insert(long id, String code, LocalDateTime expiresAt) {
    LocalDateTime now = Times.nowUtc();
    return pool.preparedQuery("DELETE FROM device_link WHERE expires_at < ?")
        .execute(Tuple.of(now.minusDays(1)))
        .compose(x -> pool.preparedQuery("INSERT INTO device_link (id, code, status, expires_at, created_at) "
                + "VALUES (?, ?, 'pending', ?, ?)")
            .execute(Tuple.of(id, code, expiresAt, now)))
        .mapEmpty();
  }

  /** True when a live pending link with that code now belongs to the user. */
  Future<Boolean> approve(String code, long userId) {
    return pool.preparedQuery("UPDATE device_link SET status = 'approved', user_id = ? "
            + "WHERE code = ? AND status = 'pending' AND expires_at > ?")
        .execute(Tuple.of(userId, code, Times.nowUtc()))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Approved links not yet collected stop working (the account's password changed). */
  Future<Void> cancelApproved(io.vertx.sqlclient.SqlClient client, long userId) {
    return client.preparedQuery("UPDATE device_link SET status = 'consumed' WHERE user_id = ? AND status = 'approved'")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  /** Reads a link; an approved one is collected exactly once, opening its session in the same transaction. */
  <T> Future<Poll<T>> poll(long id, BiFunction<SqlConnection, Long, Future<T>> openSession) {
    return Transactions.withRetry(pool, conn -> conn
        .preparedQuery("SELECT status, user_id, expires_at FROM device_link WHERE id = ? FOR UPDATE")
        .execute(Tuple.of(id))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new Poll<T>(State.MISSING, null));
          }
          Row row = rows.iterator().next();
          String status = row.getString("status");
          boolean expired = row.getLocalDateTime("expires_at").isBefore(Times.nowUtc());
          if (status.equals("consumed") || expired) {
            return Future.succeededFuture(new Poll<T>(State.EXPIRED, null));
          }
          if (status.equals("pending")) {
            return Future.succeededFuture(new Poll<T>(State.PENDING, null));
          }
          long userId = row.getLong("user_id");
          return conn.preparedQuery("UPDATE device_link SET status = 'consumed' WHERE id = ?").execute(Tuple.of(id))
              .compose(x -> openSession.apply(conn, userId))
              .map(session -> new Poll<>(State.COLLECTED, session));
        }));
  }
}
