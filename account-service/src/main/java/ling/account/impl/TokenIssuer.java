package ling.account.impl;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import ling.api.account.AccessTokens;

/** Signs access tokens (ES256 JWTs) and makes opaque refresh tokens, which are stored only as hashes. */
final class TokenIssuer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JWTAuth jwt;
  private final String issuer;
  private final String audience;
  private final int accessSeconds;
  private String installationId;

  TokenIssuer(Vertx vertx, SigningKeys keys, JsonObject auth) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.publicPem()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.privatePem())));
    this.issuer = auth.getString("issuer");
    this.audience = auth.getString("audience");
    this.accessSeconds = auth.getInteger("accessTokenSeconds");
  }

  /** Set once at start, before any token is issued. */
  void installation(String id) {
    this.installationId = id;
  }

  String installation() {
    return installationId;
  }

  /**
   * @param issuedMs when the session was checked: taken before the transaction that opened or
   *     rotated it, so that a revocation committed after that transaction is always later
   */
  String accessToken(long userId, long sessionId, long issuedMs) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(userId))
        .put(AccessTokens.CLAIM_SESSION, sessionId)
        .put(AccessTokens.CLAIM_ISSUED_MS, issuedMs)
        .put(AccessTokens.CLAIM_INSTALLATION, installationId);
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("ES256")
        .setExpiresInSeconds(accessSeconds)
        .setIssuer(issuer)
        .addAudience(audience));
  }

  int accessSeconds() {
    return accessSeconds;
  }

  /** 256 random bits, URL-safe. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The form in which secrets (refresh tokens, codes) are stored. */
  static Buffer sha256(String value) {
    try {
      return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
