package ling.gateway.impl.http;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import ling.gateway.impl.RateLimited;
import ling.gateway.impl.http.FailureLimiter.Permit;

/**
 * Runs an attempt under one or more limits: a permit of each is taken first (any refusal is a
 * 429 and nothing runs); afterwards the permits are kept only for the outcomes that count.
 */
final class LimitedAttempt {

  record Limit(FailureLimiter limiter, String key) {
  }

  private LimitedAttempt() {
  }

  /**
   * @param keepOnSuccess whether a success uses up a permit (sign-ups) or not (logins)
   * @param keepOnFailure which failures use one up (wrong passwords, not server errors)
   */
  static <T> Future<T> run(List<Limit> limits, Supplier<Future<T>> attempt, boolean keepOnSuccess,
                           Predicate<Throwable> keepOnFailure) {
    return acquire(limits, 0, new ArrayList<>()).compose(permits -> attempt.get()
        .compose(
            result -> (keepOnSuccess ? Future.<Void>succeededFuture() : release(limits, permits)).map(result),
            err -> (keepOnFailure.test(err) ? Future.<Void>succeededFuture() : release(limits, permits))
                .transform(x -> Future.<T>failedFuture(err))));
  }

  private static Future<List<Permit>> acquire(List<Limit> limits, int index, List<Permit> taken) {
    if (index == limits.size()) {
      return Future.succeededFuture(taken);
    }
    return limits.get(index).limiter().acquire(limits.get(index).key()).compose(permit -> {
      if (!permit.granted()) {
        return release(limits, taken).transform(x -> Future.failedFuture(new RateLimited(permit.retryAfterSeconds())));
      }
      taken.add(permit);
      return acquire(limits, index + 1, taken);
    });
  }

  private static Future<Void> release(List<Limit> limits, List<Permit> permits) {
    List<Future<Void>> released = new ArrayList<>();
    for (int i = 0; i < permits.size(); i++) {
      released.add(limits.get(i).limiter().release(permits.get(i)));
    }
    return Future.join(released).mapEmpty();
  }
}
