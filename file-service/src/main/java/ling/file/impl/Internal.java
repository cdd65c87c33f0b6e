package ling.file.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets through only requests from the gateway: they carry the token this instance made at its
 * start (handed out on the event bus) and the id of the user the gateway authenticated.
 */
final class Internal implements Handler<RoutingContext> {

  static final String TOKEN_HEADER = "Ling-Internal-Token";
  static final String USER_HEADER = "Ling-User-Id";
  private static final String USER_ID = "ling.userId";
  /** Misdirected Request: the token is not this start's. */
  static final int STALE_ENDPOINT = 421;

  private final byte[] token;

  Internal(String token) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void handle(RoutingContext ctx) {
    // nothing reads a body before the handler that streams it (which resumes the request)
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.PATCH || method == HttpMethod.POST || method == HttpMethod.PUT) {
      ctx.request().pause();
    }
    String given = ctx.request().getHeader(TOKEN_HEADER);
    String user = ctx.request().getHeader(USER_HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII))) {
      // most likely a gateway that still knows the token of this endpoint's previous start: it
      // asks for the current one on this status
      if (!ctx.request().isEnded()) {
        ctx.response().putHeader("Connection", "close");
      }
      Replies.error(ctx, STALE_ENDPOINT, "unavailable", "not a request from the gateway with this start's token");
      return;
    }
    if (user == null || !user.matches("[1-9][0-9]{0,17}")) {
      Replies.error(ctx, 401, "unauthorized", "not a request for a signed-in user");
      return;
    }
    ctx.put(USER_ID, Long.parseLong(user));
    ctx.next();
  }

  static long userId(RoutingContext ctx) {
    return ctx.<Long>get(USER_ID);
  }
}
