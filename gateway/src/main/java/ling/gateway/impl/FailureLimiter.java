package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * At most {@code max} attempts per key in fixed windows, counted in a cluster-wide map so that
 * every gateway instance sees the same counts. An attempt takes a permit before it runs, so a
 * burst of parallel requests cannot slip past the count; an attempt that turns out fine gives
 * its permit back. The n-th permit of a window is the map entry {@code key#window#n}, claimed
 * with an atomic put-if-absent that expires with the window: no read-modify-write race, nothing
 * left behind, and the same on the local and the Hazelcast-backed map.
 */
final class FailureLimiter {

  /** A claimed slot, or a refusal with the seconds until the window ends. */
  record Permit(String slot, long retryAfterSeconds) {
    boolean granted() {
      return slot != null;
    }
  }

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

  /** Claims a permit for one attempt; refused when the key used up its window. */
  Future<Permit> acquire(String key) {
    long now = System.currentTimeMillis();
    long window = now / windowMillis;
    long remaining = (window + 1) * windowMillis - now;
    return map().compose(m -> claim(m, key + "#" + window + "#", 1, remaining + 1_000))
        .map(slot -> new Permit(slot, slot != null ? 0 : Math.max(1, (remaining + 999) / 1000)));
  }

  /** Gives a permit back: the attempt does not count. */
  Future<Void> release(Permit permit) {
    if (permit == null || !permit.granted()) {
      return Future.succeededFuture();
    }
    return map().compose(m -> m.remove(permit.slot())).mapEmpty();
  }

  private Future<String> claim(AsyncMap<String, Boolean> m, String prefix, int n, long ttl) {
    if (n > max) {
      return Future.succeededFuture(null);
    }
    String slot = prefix + n;
    return m.putIfAbsent(slot, Boolean.TRUE, ttl)
        .compose(previous -> previous == null ? Future.succeededFuture(slot) : claim(m, prefix, n + 1, ttl));
  }

  private Future<AsyncMap<String, Boolean>> map() {
    return vertx.sharedData().getAsyncMap(mapName);
  }
}
