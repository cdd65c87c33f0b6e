package ling.gateway.impl.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * At most {@code max} attempts per key within any window's length (a sliding window: each attempt
 * counts for exactly the window after it, so no clock edge lets twice the limit through), counted
 * in a cluster-wide map so that every gateway instance sees the same counts. An attempt takes a
 * permit before it runs, so a burst of parallel requests cannot slip past the count; an attempt
 * that turns out fine gives its permit back. A permit is the map entry {@code key#n}, claimed
 * with an atomic put-if-absent that expires a window later: no read-modify-write race, nothing
 * left behind, and the same on the local and the Hazelcast-backed map.
 *
 * <p>The search starts at the slot after the last one this instance claimed for the key (a hint,
 * kept for a bounded number of keys), so an attempt costs one put however many came before it in
 * the window; when that runs past the limit it looks again from the first slot, where a permit
 * given back left a hole. A long search continues on a fresh stack now and then: a local map
 * answers at once, and a chain of thousands of puts must not overflow the stack.
 */
final class FailureLimiter {

  /** A claimed slot, or a refusal with the seconds after which a slot is surely free again. */
  record Permit(String slot, long retryAfterSeconds) {
    boolean granted() {
      return slot != null;
    }
  }

  private final Vertx vertx;
  private final String mapName;
  private final int max;
  private final long windowMillis;
  /** Per key: the slot after the last one claimed here. */
  private final java.util.Map<String, Integer> hints = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Integer> eldest) {
          return size() > 10_000;
        }
      });

  FailureLimiter(Vertx vertx, String mapName, int max, long windowSeconds) {
    this.vertx = vertx;
    this.mapName = mapName;
    this.max = max;
    this.windowMillis = windowSeconds * 1000;
  }

  /** Claims a permit for one attempt; refused when the key used up its window. */
  Future<Permit> acquire(String key) {
    Integer hint = hints.get(key);
    int from = hint != null ? hint : 1;
    String prefix = key + "#";
    return map().compose(m -> claim(m, prefix, from, windowMillis)
            .compose(slot -> slot == null && from > 1 ? claim(m, prefix, 1, windowMillis)
                : Future.succeededFuture(slot)))
        .map(slot -> {
          if (slot != null) {
            hints.put(key, Integer.parseInt(slot.substring(prefix.length())) + 1);
          }
          return new Permit(slot, slot != null ? 0 : Math.max(1, windowMillis / 1000));
        });
  }

  /** Gives a permit back: the attempt does not count. */
  Future<Void> release(Permit permit) {
    if (permit == null || !permit.granted()) {
      return Future.succeededFuture();
    }
    return map().compose(m -> m.remove(permit.slot())).mapEmpty();
  }

  /** The first free slot from {@code from} on, or null past the limit. */
  private Future<String> claim(AsyncMap<String, Boolean> m, String prefix, int from, long ttl) {
    io.vertx.core.Promise<String> found = io.vertx.core.Promise.promise();
    step(m, prefix, from, ttl, found, 0);
    return found.future();
  }

  private void step(AsyncMap<String, Boolean> m, String prefix, int n, long ttl, io.vertx.core.Promise<String> found,
                    int depth) {
    if (n > max) {
      found.complete(null);
      return;
    }
    String slot = prefix + n;
    m.putIfAbsent(slot, Boolean.TRUE, ttl).onComplete(ar -> {
      if (ar.failed()) {
        found.fail(ar.cause());
      } else if (ar.result() == null) {
        found.complete(slot);
      } else if (depth < 32) {
        step(m, prefix, n + 1, ttl, found, depth + 1);
      } else {
        vertx.runOnContext(x -> step(m, prefix, n + 1, ttl, found, 0));
      }
    });
  }

  private Future<AsyncMap<String, Boolean>> map() {
    return vertx.sharedData().getAsyncMap(mapName);
  }
}
