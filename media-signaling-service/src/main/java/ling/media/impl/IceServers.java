package ling.media.impl;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ling.api.media.IceServer;

/**
 * The ICE servers a client uses: the configured STUN URLs, and TURN with credentials of the
 * TURN REST scheme (coturn's {@code use-auth-secret}): the username is
 * {@code <expiry epoch seconds>:<userId>} and the password base64(HMAC-SHA1(secret, username)),
 * so the TURN server checks them with the shared secret alone.
 */
final class IceServers {

  private final List<String> stunUrls;
  private final List<String> turnUrls;
  private final byte[] turnSecret;
  private final long ttlSeconds;
  private final Clock clock;

  IceServers(JsonObject config, Clock clock) {
    this.stunUrls = urls(config.getString("stunUrls"));
    this.turnUrls = urls(config.getString("turnUrls"));
    String secret = config.getString("turnSecret");
    this.turnSecret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.ttlSeconds = config.getLong("turnTtlSeconds");
    this.clock = clock;
  }

  List<IceServer> forUser(long userId) {
    List<IceServer> servers = new ArrayList<>();
    if (!stunUrls.isEmpty()) {
      servers.add(new IceServer(stunUrls));
    }
    if (!turnUrls.isEmpty() && turnSecret != null) {
      String username = (clock.millis() / 1000 + ttlSeconds) + ":" + userId;
      servers.add(new IceServer(turnUrls).setUsername(username).setCredential(credential(username)));
    }
    return servers;
  }

  private String credential(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(turnSecret, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  private static List<String> urls(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
