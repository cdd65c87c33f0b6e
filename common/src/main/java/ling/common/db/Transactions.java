package ling.common.db;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/** Transactions that are tried again when the database chose them as a deadlock's victim. */
public final class Transactions {

  private static final int DEADLOCK = 1213;
  /** Tries in all: a victim's second try meets the winner's locks released. */
  private static final int ATTEMPTS = 3;

  private Transactions() {
  }

  /**
   * Runs {@code work} in a transaction, again (from the start, on a fresh transaction) after a
   * deadlock. {@code work} must do nothing outside the database, since an attempt rolled back may
   * already have run part of it. A lock wait timeout is not tried again: the caller has waited long
   * enough already.
   */
  public static <T> Future<T> withRetry(Pool pool, Function<SqlConnection, Future<T>> work) {
    return attempt(pool, work, ATTEMPTS);
  }

  private static <T> Future<T> attempt(Pool pool, Function<SqlConnection, Future<T>> work, int attemptsLeft) {
    return pool.withTransaction(work).recover(err -> attemptsLeft > 1 && isDeadlock(err)
        ? attempt(pool, work, attemptsLeft - 1)
        : Future.failedFuture(err));
  }

  private static boolean isDeadlock(Throwable err) {
    return err instanceof MySQLException e && e.getErrorCode() == DEADLOCK;
  }
}
