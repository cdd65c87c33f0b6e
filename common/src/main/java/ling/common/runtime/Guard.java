package ling.common.runtime;

import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;
import java.util.function.Supplier;
import ling.api.Failures;
import org.slf4j.Logger;

/**
 * Wraps a service method: validation that throws becomes a failed future, and an unexpected
 * failure is logged here and reaches the caller only as a 500 without its details.
 */
public final class Guard {

  private Guard() {
  }

  public static <T> Future<T> run(Logger log, Supplier<Future<T>> work) {
    Future<T> result;
    try {
      result = work.get();
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      log.error("service failure", e);
      return Future.failedFuture(Failures.of(Failures.INTERNAL, "internal error"));
    }
    return result.recover(err -> {
      if (err instanceof ServiceException) {
        return Future.failedFuture(err);
      }
      log.error("service failure", err);
      return Future.failedFuture(Failures.of(Failures.INTERNAL, "internal error"));
    });
  }
}
