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
import io.vertx.core.shareddata.AsyncMap;
import ling.api.account.AccessTokens;

/**
 * Checks access tokens: the ES256 signature against the account service's public key, expiry,
 * issuer and audience, then the cluster-wide revocation list (password change or reset voids
 * earlier tokens at once, not only when they expire).
 */
final class AccessTokenVerifier {

  private static final ApiError UNAUTHORIZED = ApiError.of(401, "a valid access token is required");

  private final Vertx vertx;
  private final JWTAuth jwt;

  AccessTokenVerifier(Vertx vertx, String publicKeyPem, JsonObject auth) {
    this.vertx = vertx;
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(publicKeyPem))
        .setJWTOptions(new JWTOptions()
            .setIssuer(auth.getString("issuer"))
            .addAudience(auth.getString("audience"))
            .setLeeway(5)));
  }

  /** The user id of the request's bearer token ({@code Authorization} header, or {@code access_token} query). */
  Future<Long> verify(HttpServerRequest request, boolean allowQueryToken) {
    String token = null;
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).strip();
    } else if (allowQueryToken) {
      token = request.getParam("access_token");
    }
    return verify(token);
  }

  Future<Long> verify(String token) {
    if (token == null || token.isEmpty() || token.length() > 4096) {
      return Future.failedFuture(new ApiException(UNAUTHORIZED));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(err -> Future.failedFuture(new ApiException(UNAUTHORIZED)))
        .compose(user -> {
          JsonObject claims = user.principal();
          long userId;
          try {
            userId = Long.parseLong(claims.getString("sub"));
          } catch (RuntimeException e) {
            return Future.failedFuture(new ApiException(UNAUTHORIZED));
          }
          Long issuedMs = claims.getLong(AccessTokens.CLAIM_ISSUED_MS);
          // the library checks exp only when present: a token that never expires is not ours
          if (issuedMs == null || !user.containsKey("exp")) {
            return Future.failedFuture(new ApiException(UNAUTHORIZED));
          }
          return revocations()
              .compose(map -> map.get(userId))
              .compose(revokedBefore -> revokedBefore != null && issuedMs <= revokedBefore
                  ? Future.failedFuture(new ApiException(UNAUTHORIZED))
                  : Future.succeededFuture(userId));
        });
  }

  private Future<AsyncMap<Long, Long>> revocations() {
    return vertx.sharedData().getAsyncMap(AccessTokens.REVOCATIONS_MAP);
  }
}
