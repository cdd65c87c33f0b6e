package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import ling.api.Pushes;
import ling.common.push.PushPublisher;
import ling.api.account.AccessTokens;
import ling.common.Times;

/**
 * Ends a user's live access: access tokens issued before now stop being accepted by every
 * gateway, and every socket of the user is told and closed.
 *
 * <p>What gateways check lives in the cluster's memory; what it is made from lives in the
 * database (every ended session has its {@code revoked_at}), so a start puts it back.
 */
final class SessionRevoker {

  private final Vertx vertx;
  private final PushPublisher pushes;
  private final long accessTokenMillis;

  SessionRevoker(Vertx vertx, PushPublisher pushes, int accessTokenSeconds) {
    this.vertx = vertx;
    this.pushes = pushes;
    this.accessTokenMillis = accessTokenSeconds * 1000L;
  }

  /** Every session of the user (password change or reset). */
  Future<Void> revokeAccess(long userId) {
    long now = System.currentTimeMillis();
    return vertx.sharedData().<Long, Long>getAsyncMap(AccessTokens.REVOCATIONS_MAP)
        // the entry only has to outlive the tokens it voids
        .compose(map -> map.put(userId, now, accessTokenMillis + 60_000))
        .onSuccess(x -> pushes.publish(List.of(userId), new JsonObject().put("type", Pushes.SESSION_REVOKED),
            PushPublisher.Route.closingSessions(null, Pushes.CLOSE_REVOKED)));
  }

  /**
   * Voids again the tokens of every session ended within an access token's lifetime, then marks
   * the revocations restored: until that mark, gateways accept no token at all.
   */
  Future<Integer> restore(SessionRepository sessions) {
    long now = System.currentTimeMillis();
    long window = accessTokenMillis + 60_000;
    return sessions.revokedSince(Times.nowUtc().minus(Duration.ofMillis(window)))
        .compose(revoked -> vertx.sharedData().<Long, Boolean>getAsyncMap(AccessTokens.SESSION_REVOCATIONS_MAP)
            .compose(map -> {
              List<Future<Void>> puts = new ArrayList<>(revoked.size());
              for (SessionRepository.Revoked session : revoked) {
                long revokedAt = session.revokedAt().toInstant(ZoneOffset.UTC).toEpochMilli();
                long ttl = Math.max(1_000, revokedAt + window - now);
                puts.add(map.put(session.sessionId(), Boolean.TRUE, ttl));
              }
              return Future.all(puts);
            })
            .compose(x -> vertx.sharedData().<String, Boolean>getAsyncMap(AccessTokens.REVOCATION_STATE_MAP))
            .compose(state -> state.put(AccessTokens.RESTORED, Boolean.TRUE))
            .map(revoked.size()));
  }

  /** One session (logout, or a stolen refresh token replayed). */
  Future<Void> revokeSession(long userId, long sessionId) {
    return vertx.sharedData().<Long, Boolean>getAsyncMap(AccessTokens.SESSION_REVOCATIONS_MAP)
        .compose(map -> map.put(sessionId, Boolean.TRUE, accessTokenMillis + 60_000))
        .onSuccess(x -> pushes.publish(List.of(userId), new JsonObject().put("type", Pushes.SESSION_REVOKED)
            .put("sessionId", sessionId), PushPublisher.Route.closingSessions(sessionId, Pushes.CLOSE_REVOKED)));
  }
}
