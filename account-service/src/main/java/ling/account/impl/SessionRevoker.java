package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ling.api.Addresses;
import ling.api.account.AccessTokens;

/**
 * Ends a user's live access: access tokens issued before now stop being accepted by every
 * gateway, and every socket of the user is told and closed.
 */
final class SessionRevoker {

  private final Vertx vertx;
  private final long accessTokenMillis;

  SessionRevoker(Vertx vertx, int accessTokenSeconds) {
    this.vertx = vertx;
    this.accessTokenMillis = accessTokenSeconds * 1000L;
  }

  /** Every session of the user (password change or reset). */
  Future<Void> revokeAccess(long userId) {
    long now = System.currentTimeMillis();
    return vertx.sharedData().<Long, Long>getAsyncMap(AccessTokens.REVOCATIONS_MAP)
        // the entry only has to outlive the tokens it voids
        .compose(map -> map.put(userId, now, accessTokenMillis + 60_000))
        .onSuccess(x -> vertx.eventBus().publish(Addresses.user(userId),
            new JsonObject().put("type", AccessTokens.SESSION_REVOKED_EVENT)));
  }

  /** One session (logout, or a stolen refresh token replayed). */
  Future<Void> revokeSession(long userId, long sessionId) {
    return vertx.sharedData().<Long, Boolean>getAsyncMap(AccessTokens.SESSION_REVOCATIONS_MAP)
        .compose(map -> map.put(sessionId, Boolean.TRUE, accessTokenMillis + 60_000))
        .onSuccess(x -> vertx.eventBus().publish(Addresses.user(userId),
            new JsonObject().put("type", AccessTokens.SESSION_REVOKED_EVENT).put("sessionId", sessionId)));
  }
}
