package ling.file.impl;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The contract's error body, and the header every tus response carries. */
final class Replies {

  static final String TUS_VERSION = "1.0.0";

  private Replies() {
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status)
        .putHeader("Tus-Resumable", TUS_VERSION)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode());
  }

  static void invalid(RoutingContext ctx, String field, String problem) {
    error(ctx, 400, "invalid_request", field + " " + problem);
  }

  static void notFound(RoutingContext ctx) {
    error(ctx, 404, "not_found", "no such file");
  }
}
