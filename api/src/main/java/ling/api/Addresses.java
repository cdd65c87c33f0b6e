package ling.api;

/** Event-bus addresses that are not service proxies. */
public final class Addresses {

  /** Prefix of the per-user push address; every gateway consumes the addresses of the users connected to it. */
  public static final String USER_PREFIX = "user.";

  /** Domain events between services: {@code events.<domain>.<what>}. */
  public static final String EVENTS_PREFIX = "events.";

  /** {@code {nodeId}}: a gateway node was found dead (silent past the timeout); its sockets are gone. */
  public static final String GATEWAY_NODE_GONE = EVENTS_PREFIX + "gateway.node_gone";

  private Addresses() {
  }

  /** The address that reaches every socket of one user, on whichever gateway holds it. */
  public static String user(long userId) {
    return USER_PREFIX + userId;
  }
}
