package ling.gateway.impl.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes answers: JSON on success, the contract's error body on any failure, never a stack trace. */
final class Responses {

  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  static void json(RoutingContext ctx, int status, io.vertx.core.json.JsonArray body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(body.encode());
    }
  }

  static void empty(RoutingContext ctx, int status) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).end();
    }
  }

  static void error(RoutingContext ctx, ApiError error) {
    if (ctx.response().ended()) {
      return;
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    json(ctx, error.status(), error.body());
  }

  /** Answers a future's outcome: {@code onSuccess} writes the result, failures become errors. */
  static <T> void answer(RoutingContext ctx, Future<T> future, java.util.function.Consumer<T> onSuccess) {
    future.onComplete(ar -> {
      if (ar.succeeded()) {
        onSuccess.accept(ar.result());
      } else {
        fail(ctx, ar.cause());
      }
    });
  }

  /** Maps any failure (parse error, service failure, web framework status) to the contract. */
  static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof ApiException e) {
      error(ctx, e.error);
      return;
    }
    if (failure instanceof HttpException e) {
      error(ctx, ApiError.of(e.getStatusCode(), reason(e.getStatusCode())));
      return;
    }
    if (failure instanceof RateLimited limited) {
      ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds));
    }
    ApiError mapped = ApiError.fromService(failure);
    if (mapped != null) {
      error(ctx, mapped);
      return;
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    error(ctx, ApiError.internal());
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "a valid access token is required";
      case 403 -> "forbidden";
      case 404 -> "no such resource";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      case 415 -> "unsupported media type";
      default -> "internal error";
    };
  }
}
