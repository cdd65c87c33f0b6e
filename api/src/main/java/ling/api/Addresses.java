package ling.api;

/** Event-bus addresses that are not service proxies. */
public final class Addresses {

  /** Prefix of the per-user push address; every gateway consumes the addresses of the users connected to it. */
  public static final String USER_PREFIX = "user.";

  /** Domain events between services: {@code events.<domain>.<what>}. */
  public static final String EVENTS_PREFIX = "events.";

  /** {@code {nodeId}}: a gateway node was found dead (silent past the timeout); its sockets are gone. */
  public static final String GATEWAY_NODE_GONE = EVENTS_PREFIX + "gateway.node_gone";

  /**
   * A socket event already encoded, for several users at once: every gateway consumes this address
   * and writes the text to the sockets it holds of the users named in {@link #TO_HEADER}. One
   * event-bus message and one encoding per event, however many members a group has.
   */
  public static final String FANOUT = "gateway.fanout";

  /** On {@link #FANOUT}: the user ids, comma-separated. */
  public static final String TO_HEADER = "ling-to";

  /**
   * On a pre-encoded message event: its sender and clientMsgId, so that the sending socket gets
   * the event after its ack without the gateway decoding the event.
   */
  public static final String SENDER_HEADER = "ling-sender";
  public static final String CLIENT_MSG_ID_HEADER = "ling-cmid";

  private Addresses() {
  }

  /** The address that reaches every socket of one user, on whichever gateway holds it. */
  public static String user(long userId) {
    return USER_PREFIX + userId;
  }
}
