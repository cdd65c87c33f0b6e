package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import ling.gateway.impl.AccessTokenVerifier;

/** Lets a request through only with a valid access token; downstream handlers read its user id. */
final class Authenticated implements Handler<RoutingContext> {

  private static final String USER_ID = "ling.userId";

  private final AccessTokenVerifier verifier;

  Authenticated(AccessTokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    verifier.verify(ctx.request(), false).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.put(USER_ID, ar.result().userId());
        ctx.next();
      } else {
        Responses.fail(ctx, ar.cause());
      }
    });
  }

  static long userId(RoutingContext ctx) {
    Long id = ctx.get(USER_ID);
    if (id == null) {
      throw new IllegalStateException("route is not behind Authenticated");
    }
    return id;
  }
}
