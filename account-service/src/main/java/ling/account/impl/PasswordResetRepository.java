package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.Function;
import ling.common.Times;

/** Password-reset codes ({@code password_reset}): one live code per user, stored as a hash. */
final class PasswordResetRepository {

  private final Pool pool;

  PasswordResetRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores a new code unless one was issued less than {@code cooldown} ago (so nobody can flood a
   * mailbox); true when stored.
   */
  Future<Boolean> store(long userId, Buffer codeHash, Duration lifetime, Duration cooldown) {
    LocalDateTime now = Times.nowUtc();
    LocalDateTime cooledDown = now.minus(cooldown);
    // one atomic statement: concurrent first requests cannot deadlock on gap locks. Assignments
    // run left to right, so created_at is set last and the others still see the old value.
    return pool.preparedQuery("INSERT INTO password_reset (user_id, code_hash, expires_at, attempts, created_at) "
            + "VALUES (?, ?, ?, 0, ?) ON DUPLICATE KEY UPDATE "
            + "code_hash = IF(created_at < ?, VALUES(code_hash), code_hash), "
            + "expires_at = IF(created_at < ?, VALUES(expires_at), expires_at), "
            + "attempts = IF(created_at < ?, 0, attempts), "
            + "created_at = IF(created_at < ?, VALUES(created_at), created_at)")
        .execute(Tuple.of(userId, codeHash, now.plus(lifetime), now, cooledDown, cooledDown, cooledDown, cooledDown))
        // 1: inserted, 2: replaced, 0: left alone inside the cooldown
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Checks a code: a match deletes it and runs {@code onMatch} in the same transaction; a miss
   * uses up one try. False when there is no live code or it does not match.
   */
  Future<Boolean> redeem(long userId, Buffer codeHash, int maxTries, Function<SqlConnection, Future<Void>> onMatch) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("SELECT code_hash, expires_at, attempts FROM password_reset WHERE user_id = ? FOR UPDATE")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row row = rows.iterator().next();
          if (row.getInteger("attempts") >= maxTries || row.getLocalDateTime("expires_at").isBefore(Times.nowUtc())) {
            return Future.succeededFuture(false);
          }
          if (!MessageDigest.isEqual(row.getBuffer("code_hash").getBytes(), codeHash.getBytes())) {
            return conn.preparedQuery("UPDATE password_reset SET attempts = attempts + 1 WHERE user_id = ?")
                .execute(Tuple.of(userId)).map(false);
          }
          return conn.preparedQuery("DELETE FROM password_reset WHERE user_id = ?").execute(Tuple.of(userId))
              .compose(x -> onMatch.apply(conn))
              .map(true);
        }));
  }
}
