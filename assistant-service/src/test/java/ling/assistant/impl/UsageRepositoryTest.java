package ling.assistant.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import ling.assistant.impl.UsageRepository.Outcome;
import ling.assistant.impl.UsageRepository.Start;
import ling.common.TestDatabase;
import ling.common.Times;
import ling.common.db.Database;
import ling.common.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Questions counted in the real database, as two instances and a restart see them. */
class UsageRepositoryTest {

  private static final AtomicLong USERS = new AtomicLong(9_000_000 + System.nanoTime() % 1_000_000 * 10);
  private static final long WINDOW = 6 * 3600;

  private Vertx vertx;
  private Pool pool;
  private Pool otherPool;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, TestDatabase.connection(), "usage-test");
    otherPool = Database.pool(vertx, TestDatabase.connection(), "usage-test-other");
    Migrations.migrate(vertx, pool, "assistant", getClass().getClassLoader()).await();
  }

  @AfterEach
  void close() {
    pool.close().await();
    otherPool.close().await();
    vertx.close().await();
  }

  @Test
  void theWindowsQuestionsRunOutThenComeBackWhenItEnds() {
    UsageRepository usage = new UsageRepository(pool, 3, WINDOW);
    long user = USERS.incrementAndGet();
    LocalDateTime t0 = Times.nowUtc();
    for (int i = 0; i < 3; i++) {
      LocalDateTime now = t0.plusMinutes(i);
      Start start = usage.start(user, now, now.plusMinutes(2)).await();
      assertEquals(Outcome.STARTED, start.outcome());
      assertEquals(2 - i, start.standing().remaining());
      assertEquals(t0.plusSeconds(WINDOW), start.standing().resetsAt(), "the window began at the first question");
      usage.finish(user, start.windowStartedAt(), false).await();
    }
    Start refused = usage.start(user, t0.plusMinutes(10), t0.plusMinutes(12)).await();
    assertEquals(Outcome.OVER_QUOTA, refused.outcome());
    assertEquals(0, refused.standing().remaining());
    assertEquals(t0.plusSeconds(WINDOW), refused.standing().resetsAt());

    LocalDateTime later = t0.plusSeconds(WINDOW);
    assertEquals(3, usage.standing(user, later).await().remaining());
    Start next = usage.start(user, later, later.plusMinutes(2)).await();
    assertEquals(Outcome.STARTED, next.outcome());
    assertEquals(later.plusSeconds(WINDOW), next.standing().resetsAt(), "a new window from this question");
  }

  @Test
  void oneAnswerAtATimeUntilItEndsOrItsLeaseRunsOut() {
    UsageRepository usage = new UsageRepository(pool, 10, WINDOW);
    long user = USERS.incrementAndGet();
    LocalDateTime t0 = Times.nowUtc();
    Start first = usage.start(user, t0, t0.plusSeconds(120)).await();
    assertEquals(Outcome.STARTED, first.outcome());
    assertTrue(usage.standing(user, t0.plusSeconds(1)).await().answering());
    assertEquals(Outcome.BUSY, usage.start(user, t0.plusSeconds(1), t0.plusSeconds(121)).await().outcome());
    assertEquals(9, usage.standing(user, t0.plusSeconds(1)).await().remaining(), "a refused question costs nothing");

    usage.finish(user, first.windowStartedAt(), false).await();
    assertFalse(usage.standing(user, t0.plusSeconds(2)).await().answering());
    Start second = usage.start(user, t0.plusSeconds(2), t0.plusSeconds(122)).await();
    assertEquals(Outcome.STARTED, second.outcome());
    // the instance writing it died: the lease ends by itself
    assertEquals(Outcome.STARTED, usage.start(user, t0.plusSeconds(123), t0.plusSeconds(243)).await().outcome());
  }

  @Test
  void aQuestionTheBackendFailedIsGivenBack() {
    UsageRepository usage = new UsageRepository(pool, 5, WINDOW);
    long user = USERS.incrementAndGet();
    LocalDateTime t0 = Times.nowUtc();
    Start start = usage.start(user, t0, t0.plusMinutes(2)).await();
    assertEquals(4, start.standing().remaining());
    usage.finish(user, start.windowStartedAt(), true).await();
    assertEquals(5, usage.standing(user, t0.plusSeconds(1)).await().remaining());
    assertNull(usage.standing(USERS.incrementAndGet(), t0).await().resetsAt(), "no window before a first question");
  }

  @Test
  void twoInstancesAskingAtOnceNeverGrantMoreThanTheQuota() {
    UsageRepository one = new UsageRepository(pool, 50, WINDOW);
    UsageRepository other = new UsageRepository(otherPool, 50, WINDOW);
    long user = USERS.incrementAndGet();
    LocalDateTime t0 = Times.nowUtc();
    List<Future<Start>> all = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      UsageRepository usage = i % 2 == 0 ? one : other;
      // no lease, so that only the quota limits them
      all.add(usage.start(user, t0, t0).compose(s -> s.outcome() != Outcome.STARTED ? Future.succeededFuture(s)
          : usage.finish(user, s.windowStartedAt(), false).map(s)));
    }
    Future.join(new ArrayList<>(all)).await();
    long started = all.stream().filter(f -> f.result().outcome() == Outcome.STARTED).count();
    assertEquals(50, started);
    assertEquals(0, new UsageRepository(otherPool, 50, WINDOW).standing(user, t0).await().remaining(),
        "what another instance (or a restarted one) reads");
  }

  @Test
  void aQuestionIsClaimedByOneInstanceOnlyAndOldClaimsAreSwept() {
    UsageRepository mine = new UsageRepository(pool, 10, WINDOW);
    UsageRepository theirs = new UsageRepository(otherPool, 10, WINDOW);
    long user = USERS.incrementAndGet();
    long message = user * 10;
    LocalDateTime longAgo = Times.nowUtc().minusDays(3);
    assertTrue(mine.claim(message, user, longAgo).await());
    assertFalse(theirs.claim(message, user, longAgo).await(), "heard by both, answered by one");
    assertTrue(theirs.claim(message + 1, user, Times.nowUtc()).await());

    assertTrue(mine.forgetQuestions(Times.nowUtc().minusDays(1)).await() >= 1);
    assertTrue(theirs.claim(message, user, Times.nowUtc()).await(), "the old claim is gone");
    assertFalse(mine.claim(message + 1, user, Times.nowUtc()).await(), "a recent claim stays");
  }
}
