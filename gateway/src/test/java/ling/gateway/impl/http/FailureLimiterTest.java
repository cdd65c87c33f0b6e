package ling.gateway.impl.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limiter under a large limit (as a load test sets it): thousands of attempts from one key in
 * one window are each granted, the one past the limit is refused, and a permit given back is
 * found again. A local map answers at once; a chain of that many puts once overflowed the stack.
 */
@ExtendWith(VertxExtension.class)
class FailureLimiterTest {

  private static final int MAX = 20_000;

  @Test
  void thousandsOfAttemptsFromOneKeyAreCountedExactly(Vertx vertx, VertxTestContext testContext) {
    FailureLimiter limiter = new FailureLimiter(vertx, "test.limits." + System.nanoTime(), MAX, 3600);
    List<FailureLimiter.Permit> permits = new ArrayList<>();
    vertx.runOnContext(x -> acquireAll(vertx, limiter, "203.0.113.7", MAX, permits)
        .compose(v -> limiter.acquire("203.0.113.7"))
        .compose(refused -> {
          testContext.verify(() -> {
            assertEquals(MAX, permits.stream().filter(FailureLimiter.Permit::granted).count());
            assertEquals(MAX, permits.stream().map(FailureLimiter.Permit::slot).distinct().count());
            assertFalse(refused.granted(), "the attempt past the limit");
            assertTrue(refused.retryAfterSeconds() >= 1);
          });
          // another key has its own count
          return limiter.acquire("198.51.100.1");
        })
        .compose(other -> {
          testContext.verify(() -> assertTrue(other.granted()));
          // a permit given back early in the window makes room again
          return limiter.release(permits.get(3));
        })
        .compose(v -> limiter.acquire("203.0.113.7"))
        .onComplete(testContext.succeeding(again -> testContext.verify(() -> {
          assertTrue(again.granted());
          assertEquals(permits.get(3).slot(), again.slot());
          testContext.completeNow();
        }))));
  }

  /** One attempt after another, each on a fresh stack, as separate requests would come. */
  private static Future<Void> acquireAll(Vertx vertx, FailureLimiter limiter, String key, int count,
                                         List<FailureLimiter.Permit> out) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    next(vertx, limiter, key, count, out, done);
    return done.future();
  }

  private static void next(Vertx vertx, FailureLimiter limiter, String key, int count, List<FailureLimiter.Permit> out,
                           io.vertx.core.Promise<Void> done) {
    limiter.acquire(key).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      out.add(ar.result());
      if (out.size() == count) {
        done.complete();
      } else {
        vertx.runOnContext(x -> next(vertx, limiter, key, count, out, done));
      }
    });
  }
}
