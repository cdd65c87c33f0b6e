package ling.gateway.impl;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The installation (database) whose tokens this gateway accepts: a token issued for another one,
 * a fresh database that reuses user ids say, names other users. Asked of the account service at
 * start; asked again, at most every few seconds, when a token names another one (the database was
 * replaced while this gateway ran).
 */
final class Installation {

  private static final long ASK_AGAIN_MS = 5_000;

  private final Supplier<Future<String>> ask;
  private final long askAgainMillis;
  private String id;
  private long askedAt;

  Installation(String id, Supplier<Future<String>> ask) {
    this(id, ask, ASK_AGAIN_MS);
  }

  Installation(String id, Supplier<Future<String>> ask, long askAgainMillis) {
    this.id = id;
    this.ask = ask;
    this.askAgainMillis = askAgainMillis;
    this.askedAt = System.currentTimeMillis();
  }

  Future<Boolean> matches(String claimed) {
    if (claimed == null) {
      return Future.succeededFuture(false);
    }
    if (claimed.equals(id)) {
      return Future.succeededFuture(true);
    }
    long now = System.currentTimeMillis();
    if (now - askedAt < askAgainMillis) {
      return Future.succeededFuture(false);
    }
    askedAt = now;
    return ask.get().map(current -> {
      id = current;
      return claimed.equals(current);
    }).otherwise(false);
  }
}
