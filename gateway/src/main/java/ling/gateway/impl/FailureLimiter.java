package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Counts events per key in fixed windows, in a cluster-wide map so that every gateway instance
 * sees the same counts. The n-th event of a window claims the slot {@code key#window#n} with an
 * atomic put-if-absent that expires with the window: no read-modify-write race, nothing left
 * behind, and it works the same on the local and the Hazelcast-backed map.
 */
final class FailureLimiter {

  private final Vertx vertx;
  private final String mapName;
  private final int max;
  private final long windowMillis;

  FailureLimiter(Vertx vertx, String mapName, int max, long windowSeconds) {
    this.vertx = vertx;
    this.mapName = mapName;
    this.max = max;
    this.windowMillis = windowSeconds * 1000;
  }

  /** Seconds until the key may try again; 0 when it is not over the limit. */
  Future<Long> retryAfter(String key) {
    long now = System.currentTimeMillis();
    long window = now / windowMillis;
    return map().compose(m -> m.get(slot(key, window, max))).map(full -> {
      if (full == null) {
        return 0L;
      }
      long remaining = (window + 1) * windowMillis - now;
      return Math.max(1, (remaining + 999) / 1000);
    });
  }

  /** Counts one event for the key in the current window (beyond the limit nothing more is kept). */
  Future<Void> record(String key) {
    long now = System.currentTimeMillis();
    long window = now / windowMillis;
    long ttl = (window + 1) * windowMillis - now + 1_000;
    return map().compose(m -> claim(m, key, window, 1, ttl));
  }

  private Future<Void> claim(AsyncMap<String, Boolean> m, String key, long window, int n, long ttl) {
    if (n > max) {
      return Future.succeededFuture();
    }
    return m.putIfAbsent(slot(key, window, n), Boolean.TRUE, ttl)
        .compose(previous -> previous == null ? Future.succeededFuture() : claim(m, key, window, n + 1, ttl));
  }

  private static String slot(String key, long window, int n) {
    return key + "#" + window + "#" + n;
  }

  private Future<AsyncMap<String, Boolean>> map() {
    return vertx.sharedData().getAsyncMap(mapName);
  }
}
