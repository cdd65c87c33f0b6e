package ling.common.db;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/** Transactions that are tried again when the database chose them as a lock conflict's victim. */
public final class Transactions {

  private static final int DEADLOCK = 1213;
  private static final int LOCK_WAIT_TIMEOUT = 1205;
  /** Tries in all: a victim's second try meets the winner's locks released. */
  private static final int ATTEMPTS = 3;

  private Transactions() {
  }

  /**
   * Runs {@code work} in a transaction, again (from the start, on a fresh transaction) after a
   * deadlock or a lock wait timeout. {@code work} must do nothing outside the database, since an
   * attempt rolled back may already have run part of it.
   */
  public static <T> Future<T> withRetry(Pool pool, Function<SqlConnection, Future<T>> work) {
    return attempt(pool, work, ATTEMPTS);
  }

  /** Whether a failure is the database's answer to a lock conflict, which a retry may resolve. */
  public static boolean isLockConflict(Throwable err) {
    return err instanceof MySQLException e && (e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT);
  }

  private static <T> Future<T> attempt(Pool pool, Function<SqlConnection, Future<T>> work, int attemptsLeft) {
    return pool.withTransaction(work).recover(err -> attemptsLeft > 1 && isLockConflict(err)
        ? attempt(pool, work, attemptsLeft - 1)
        : Future.failedFuture(err));
  }
}
