package ling.gateway.impl;

import io.vertx.core.json.JsonObject;

/**
 * The gateway's configuration, read and checked once at start: a limit that is missing, not a
 * number or not positive stops the start with a message naming its key, rather than surfacing
 * later as a refused connection or a socket closed for no reason. The defaults are in
 * {@code ling-defaults.json}.
 */
public record GatewaySettings(Http http, Sockets ws, FileProxy files, RateLimits rateLimit, Auth auth,
                              Metrics metrics, boolean assistant) {

  /**
   * {@code http.*}: where the gateway listens and how long a connection may take.
   *
   * @param idleSeconds 0: connections are never closed for being silent
   * @param requestHeadSeconds 0 or less: request heads have no deadline
   * @param trustedProxies comma-separated addresses or CIDR ranges; may be empty
   */
  public record Http(String host, int port, int maxBodyBytes, int idleSeconds, int requestHeadSeconds,
                     int maxConnectionsPerAddress, String trustedProxies) {
  }

  /**
   * {@code ws.*}, and {@code presence.heartbeatSeconds}: the limits of a socket and of an account's
   * sockets, and how often the gateway reports the users it holds.
   *
   * @param slowGraceMillis 0: a socket over its queued-bytes limit is closed as soon as it falls behind
   */
  public record Sockets(int idleSeconds, int maxFrameBytes, int maxFramesPerSecond, int maxFramesPerSecondPerUser,
                        int maxSocketsPerUser, int maxPendingSends, long maxQueuedBytes, long maxQueuedBytesTotal,
                        long slowGraceMillis, boolean coalesceWrites, int presenceHeartbeatSeconds) {
  }

  /** The {@code files.proxy*} keys: the connections to the file service and the uploads a user may have on them. */
  public record FileProxy(int proxyConnections, int proxyUploadsPerUser, long proxyConnectMillis,
                          long proxyIdleMillis) {
  }

  /** {@code rateLimit.*}: how many failed or costly attempts each window allows. */
  public record RateLimits(int loginFailuresPerUserAndAddress, int loginFailuresPerUser, int loginFailuresPerAddress,
                           int loginWindowSeconds, int registrationsPerAddress, int registrationWindowSeconds,
                           int resetFailuresPerUser, int resetFailuresPerAddress, int resetWindowSeconds,
                           int passwordChangeFailuresPerUser, int deviceLinksPerAddress,
                           int deviceLinkWindowSeconds) {
  }

  /**
   * What access tokens must say.
   *
   * @param publicKeyPem null: asked of the account service
   */
  public record Auth(String issuer, String audience, String publicKeyPem) {
  }

  /** Where the metrics are kept, and whether {@code /metrics} is served under the API too. */
  public record Metrics(String registryName, boolean onApi) {
  }

  /** Reads the sections the gateway uses; refuses a bad value with an IllegalArgumentException naming its key. */
  public static GatewaySettings from(JsonObject config) {
    Section http = new Section(config, "http");
    Section ws = new Section(config, "ws");
    Section presence = new Section(config, "presence");
    Section files = new Section(config, "files");
    Section rateLimit = new Section(config, "rateLimit");
    Section auth = new Section(config, "auth");
    Section metrics = new Section(config, "metrics");
    return new GatewaySettings(
        new Http(http.string("host"), http.port("port"), http.positiveInt("maxBodyBytes"),
            http.nonNegativeInt("idleSeconds"), http.anyInt("requestHeadSeconds"),
            http.positiveInt("maxConnectionsPerAddress"), http.string("trustedProxies")),
        new Sockets(ws.positiveInt("idleSeconds"), ws.positiveInt("maxFrameBytes"), ws.positiveInt("maxFramesPerSecond"),
            ws.positiveInt("maxFramesPerSecondPerUser"), ws.positiveInt("maxSocketsPerUser"),
            ws.positiveInt("maxPendingSends"), ws.positiveLong("maxQueuedBytes"), ws.positiveLong("maxQueuedBytesTotal"),
            ws.nonNegativeLong("slowGraceMillis"), ws.bool("coalesceWrites", true),
            presence.positiveInt("heartbeatSeconds")),
        new FileProxy(files.positiveInt("proxyConnections"), files.positiveInt("proxyUploadsPerUser"),
            files.positiveLong("proxyConnectMillis"), files.positiveLong("proxyIdleMillis")),
        new RateLimits(rateLimit.positiveInt("loginFailuresPerUserAndAddress"),
            rateLimit.positiveInt("loginFailuresPerUser"), rateLimit.positiveInt("loginFailuresPerAddress"),
            rateLimit.positiveInt("loginWindowSeconds"), rateLimit.positiveInt("registrationsPerAddress"),
            rateLimit.positiveInt("registrationWindowSeconds"), rateLimit.positiveInt("resetFailuresPerUser"),
            rateLimit.positiveInt("resetFailuresPerAddress"), rateLimit.positiveInt("resetWindowSeconds"),
            rateLimit.positiveInt("passwordChangeFailuresPerUser"), rateLimit.positiveInt("deviceLinksPerAddress"),
            rateLimit.positiveInt("deviceLinkWindowSeconds")),
        new Auth(auth.string("issuer"), auth.string("audience"), auth.string("publicKeyPem")),
        new Metrics(metrics.string("registryName"), metrics.bool("onApi", true)),
        // an assistant exists where a backend is configured (its service may still be away)
        configured(new Section(config, "assistant").values().getString("baseUrl")));
  }

  private static boolean configured(String value) {
    return value != null && !value.isBlank();
  }

  /** One section of the configuration (empty when absent, so each key it should hold is named as missing). */
  private record Section(String name, JsonObject values) {

    Section(JsonObject config, String name) {
      this(name, config.getValue(name) instanceof JsonObject section ? section : new JsonObject());
    }

    int positiveInt(String key) {
      return toInt(key, positiveLong(key), "a positive number");
    }

    int nonNegativeInt(String key) {
      return toInt(key, nonNegativeLong(key), "a non-negative number");
    }

    int anyInt(String key) {
      return toInt(key, number(key, "a number"), "a number");
    }

    int port(String key) {
      long value = number(key, "a port number from 0 to 65535");
      if (value < 0 || value > 65_535) {
        throw refused(key, "a port number from 0 to 65535");
      }
      return (int) value;
    }

    long positiveLong(String key) {
      long value = number(key, "a positive number");
      if (value <= 0) {
        throw refused(key, "a positive number");
      }
      return value;
    }

    long nonNegativeLong(String key) {
      long value = number(key, "a non-negative number");
      if (value < 0) {
        throw refused(key, "a non-negative number");
      }
      return value;
    }

    boolean bool(String key, boolean absent) {
      Object value = values.getValue(key);
      if (value == null) {
        return absent;
      }
      if (!(value instanceof Boolean b)) {
        throw refused(key, "true or false");
      }
      return b;
    }

    /** A text value; null when absent. */
    String string(String key) {
      Object value = values.getValue(key);
      if (value != null && !(value instanceof String)) {
        throw refused(key, "a string");
      }
      return (String) value;
    }

    private long number(String key, String expected) {
      if (!(values.getValue(key) instanceof Number number)) {
        throw refused(key, expected);
      }
      return number.longValue();
    }

    private int toInt(String key, long value, String expected) {
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw refused(key, expected + " that fits in 32 bits");
      }
      return (int) value;
    }

    private IllegalArgumentException refused(String key, String expected) {
      return new IllegalArgumentException(name + "." + key + " must be " + expected + ", got "
          + values.getValue(key));
    }
  }
}
