package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Counts events per key in fixed windows, in a cluster-wide map so that every gateway instance
 * sees the same counts. Entries expire with their window. Values are {@code "count:windowEnd"}.
 */
final class FailureLimiter {

  private static final int CAS_TRIES = 8;

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
    return map().compose(m -> m.get(key)).map(value -> {
      if (value == null) {
        return 0L;
      }
      long[] entry = parse(value);
      long remaining = entry[1] - System.currentTimeMillis();
      return entry[0] >= max && remaining > 0 ? Math.max(1, (remaining + 999) / 1000) : 0L;
    });
  }

  /** Adds one to the key's count in its current window. */
  Future<Void> record(String key) {
    return map().compose(m -> record(m, key, CAS_TRIES));
  }

  Future<Void> clear(String key) {
    return map().compose(m -> m.remove(key)).mapEmpty();
  }

  private Future<Void> record(AsyncMap<String, String> m, String key, int tries) {
    if (tries == 0) {
      return Future.succeededFuture();
    }
    long now = System.currentTimeMillis();
    return m.get(key).compose(old -> {
      if (old == null || parse(old)[1] <= now) {
        String fresh = "1:" + (now + windowMillis);
        Future<Boolean> written = old == null
            ? m.putIfAbsent(key, fresh, windowMillis).map(previous -> previous == null)
            : m.replaceIfPresent(key, old, fresh, windowMillis);
        return written.compose(ok -> ok ? Future.succeededFuture() : record(m, key, tries - 1));
      }
      long[] entry = parse(old);
      long ttl = Math.max(1, entry[1] - now);
      return m.replaceIfPresent(key, old, (entry[0] + 1) + ":" + entry[1], ttl)
          .compose(ok -> ok ? Future.succeededFuture() : record(m, key, tries - 1));
    });
  }

  private Future<AsyncMap<String, String>> map() {
    return vertx.sharedData().getAsyncMap(mapName);
  }

  private static long[] parse(String value) {
    int colon = value.indexOf(':');
    return new long[] {Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1))};
  }
}
