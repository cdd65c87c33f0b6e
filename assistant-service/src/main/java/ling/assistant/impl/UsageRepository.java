package ling.assistant.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import ling.common.db.Transactions;

/**
 * Each user's questions to the assistant, counted in the database so that every instance and every
 * restart agrees: at most {@code questions} per window, a window starting at the first question
 * after the last one ended; and at most one answer being written at a time, held as a lease that
 * ends by itself should the instance writing it die.
 */
final class UsageRepository {

  /** What a user may still ask: {@code resetsAt} is null while no window runs. */
  record Standing(int remaining, LocalDateTime resetsAt, boolean answering) {
  }

  /** The outcome of asking to start an answer. */
  record Start(Outcome outcome, Standing standing, LocalDateTime windowStartedAt) {
  }

  enum Outcome { STARTED, OVER_QUOTA, BUSY }

  private final Pool pool;
  private final int questions;
  private final long windowSeconds;

  UsageRepository(Pool pool, int questions, long windowSeconds) {
    this.pool = pool;
    this.questions = questions;
    this.windowSeconds = windowSeconds;
  }

  /**
   * Counts a question and takes the user's answering lease until {@code leaseUntil}, unless the
   * window's questions are used up or another answer holds the lease.
   */
  Future<Start> start(long userId, LocalDateTime now, LocalDateTime leaseUntil) {
    // the row exists before a transaction locks it: inserting it inside would take a shared lock on
    // the key first, and two first questions would then deadlock upgrading theirs
    return pool.preparedQuery("INSERT IGNORE INTO assistant_usage (user_id, window_started_at, used, answering_until, "
            + "updated_at) VALUES (?, ?, 0, NULL, ?)").execute(Tuple.of(userId, now, now))
        .compose(inserted -> Transactions.withRetry(pool, conn -> locked(conn, userId).compose(row -> {
      LocalDateTime started = current(row, now) ? row.getLocalDateTime("window_started_at") : null;
      int used = started == null ? 0 : row.getInteger("used");
      LocalDateTime lease = row.getLocalDateTime("answering_until");
      boolean answering = lease != null && lease.isAfter(now);
      if (answering) {
        return Future.succeededFuture(new Start(Outcome.BUSY, standing(started, used, true), started));
      }
      if (used >= questions) {
        return Future.succeededFuture(new Start(Outcome.OVER_QUOTA, standing(started, used, false), started));
      }
      LocalDateTime windowStart = started == null ? now : started;
      return conn.preparedQuery("UPDATE assistant_usage SET window_started_at = ?, used = ?, answering_until = ?, "
              + "updated_at = ? WHERE user_id = ?")
          .execute(Tuple.of(windowStart, used + 1, leaseUntil, now, userId))
          .map(x -> new Start(Outcome.STARTED, standing(windowStart, used + 1, true), windowStart));
    })));
  }

  /**
   * The answer begun in the window that started at {@code windowStartedAt} is over; {@code refund}
   * gives its question back (the backend failed, not the user), if that window still runs.
   */
  Future<Void> finish(long userId, LocalDateTime windowStartedAt, boolean refund) {
    return pool.preparedQuery("UPDATE assistant_usage SET answering_until = NULL, "
            + "used = IF(? AND window_started_at = ? AND used > 0, used - 1, used) WHERE user_id = ?")
        .execute(Tuple.of(refund, windowStartedAt, userId)).mapEmpty();
  }

  /** Whether this instance takes up the question: true for the first to ask, once. */
  Future<Boolean> claim(long messageId, long userId, LocalDateTime now) {
    return pool.preparedQuery("INSERT IGNORE INTO assistant_question (message_id, user_id, asked_at) VALUES (?, ?, ?)")
        .execute(Tuple.of(messageId, userId, now)).map(rows -> rows.rowCount() == 1);
  }

  /** Removes the claims of questions asked before {@code before}, a batch at a time; answers how many. */
  Future<Integer> forgetQuestions(LocalDateTime before) {
    return pool.preparedQuery("DELETE FROM assistant_question WHERE asked_at < ? LIMIT 10000")
        .execute(Tuple.of(before)).map(rows -> rows.rowCount());
  }

  /** What the user may still ask now. */
  Future<Standing> standing(long userId, LocalDateTime now) {
    return pool.preparedQuery("SELECT window_started_at, used, answering_until FROM assistant_usage WHERE user_id = ?")
        .execute(Tuple.of(userId))
        .map(rows -> {
          if (rows.size() == 0) {
            return standing(null, 0, false);
          }
          Row row = rows.iterator().next();
          LocalDateTime lease = row.getLocalDateTime("answering_until");
          boolean current = current(row, now);
          return standing(current ? row.getLocalDateTime("window_started_at") : null,
              current ? row.getInteger("used") : 0, lease != null && lease.isAfter(now));
        });
  }

  private Future<Row> locked(SqlConnection conn, long userId) {
    return conn.preparedQuery("SELECT window_started_at, used, answering_until FROM assistant_usage "
            + "WHERE user_id = ? FOR UPDATE").execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next());
  }

  private boolean current(Row row, LocalDateTime now) {
    return row.getLocalDateTime("window_started_at").plusSeconds(windowSeconds).isAfter(now);
  }

  private Standing standing(LocalDateTime windowStartedAt, int used, boolean answering) {
    return new Standing(Math.max(0, questions - used),
        windowStartedAt == null ? null : windowStartedAt.plusSeconds(windowSeconds).truncatedTo(ChronoUnit.MILLIS),
        answering);
  }
}
