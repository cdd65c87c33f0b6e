package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import ling.api.account.AccessTokens;

/**
 * Checks access tokens: the ES256 signature against the account service's public key, expiry,
 * issuer and audience, then the cluster-wide revocation list (password change or reset voids
 * earlier tokens at once, not only when they expire).
 */
public final class AccessTokenVerifier {

  /** Who a valid token speaks for. */
  public record Caller(long userId, long sessionId, String token) {
  }

  private static final ApiError UNAUTHORIZED = ApiError.of(401, "a valid access token is required");
  private static final ApiError REVOCATIONS_UNKNOWN =
      ApiError.of(503, "the server is starting: try again in a moment");

  private final Vertx vertx;
  private final JWTAuth jwt;
  private final Installation installation;

  AccessTokenVerifier(Vertx vertx, String publicKeyPem, GatewaySettings.Auth auth, Installation installation) {
    this.vertx = vertx;
    this.installation = installation;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(publicKeyPem))
        .setJWTOptions(new JWTOptions()
            .setIssuer(auth.issuer())
            .addAudience(auth.audience())
            .setLeeway(5)));
  }

  /** The user id of the request's bearer token ({@code Authorization} header, or {@code access_token} query). */
  public Future<Caller> verify(HttpServerRequest request, boolean allowQueryToken) {
    String token = null;
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).strip();
    } else if (allowQueryToken) {
      token = request.getParam("access_token");
    }
    return verify(token);
  }

  public Future<Caller> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > 4096) {
      return Future.failedFuture(new ApiException(UNAUTHORIZED));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(err -> Future.failedFuture(new ApiException(UNAUTHORIZED)))
        .compose(user -> {
          JsonObject claims = user.principal();
          long userId;
          long sessionId;
          long issuedMs;
          String issuedFor;
          try {
            userId = Long.parseLong(claims.getString("sub"));
            sessionId = claims.getLong(AccessTokens.CLAIM_SESSION);
            issuedMs = claims.getLong(AccessTokens.CLAIM_ISSUED_MS);
            issuedFor = claims.getString(AccessTokens.CLAIM_INSTALLATION);
          } catch (RuntimeException e) {
            return Future.failedFuture(new ApiException(UNAUTHORIZED));
          }
          // the library checks exp only when present: a token that never expires is not ours
          if (!user.containsKey("exp")) {
            return Future.failedFuture(new ApiException(UNAUTHORIZED));
          }
          return installation.matches(issuedFor)
              .compose(ours -> ours ? vertx.sharedData().<String, Boolean>getAsyncMap(AccessTokens.REVOCATION_STATE_MAP)
                  : Future.failedFuture(new ApiException(UNAUTHORIZED)))
              .compose(state -> state.get(AccessTokens.RESTORED))
              // the whole cluster restarted and the account service has not put revocations back yet
              .compose(restored -> restored == null
                  ? Future.failedFuture(new ApiException(REVOCATIONS_UNKNOWN))
                  : vertx.sharedData().<Long, Long>getAsyncMap(AccessTokens.REVOCATIONS_MAP))
              .compose(map -> map.get(userId))
              .compose(revokedBefore -> revokedBefore != null && issuedMs <= revokedBefore
                  ? Future.<Boolean>failedFuture(new ApiException(UNAUTHORIZED))
                  : vertx.sharedData().<Long, Boolean>getAsyncMap(AccessTokens.SESSION_REVOCATIONS_MAP)
                      .compose(map -> map.get(sessionId)))
              .compose(sessionRevoked -> sessionRevoked != null
                  ? Future.failedFuture(new ApiException(UNAUTHORIZED))
                  : Future.succeededFuture(new Caller(userId, sessionId, token)));
        });
  }
}
