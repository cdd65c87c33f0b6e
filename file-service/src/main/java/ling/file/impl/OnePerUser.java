package ling.file.impl;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs each user's jobs one after another, so that one user's uploads finishing together (each
 * hashed, sniffed and perhaps decoded on a worker) hold one worker, not all of them. Used from the
 * file verticle's event loop only.
 */
final class OnePerUser {

  private final Map<Long, Future<?>> last = new HashMap<>();

  <T> Future<T> run(long userId, Supplier<Future<T>> job) {
    Future<?> before = last.getOrDefault(userId, Future.succeededFuture());
    Future<T> result = before.transform(done -> job.get());
    last.put(userId, result);
    result.onComplete(done -> last.remove(userId, result));
    return result;
  }
}
