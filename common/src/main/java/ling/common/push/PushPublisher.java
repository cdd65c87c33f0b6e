package ling.common.push;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ling.api.Addresses;
import ling.api.Pushes;

/**
 * The one way services tell users' sockets something ({@link Pushes}). The event is encoded once
 * and travels as text: to each user's address for a few users, and once to every gateway, with the
 * users named in a header, from {@code broadcastFrom} users on. Which of a user's sockets get it
 * is said by a {@link Route}.
 */
public final class PushPublisher {

  /** Which sockets of each user get an event, and what follows it. */
  public static final class Route {
    private final DeliveryOptions headers = new DeliveryOptions();

    /** Every socket of the user. */
    public static Route everySocket() {
      return new Route();
    }

    /** Only this socket of the user. */
    public static Route onlySocket(String socketId) {
      return new Route().header(Pushes.ONLY_SOCKET_HEADER, socketId);
    }

    /** Every socket of the user but this one. */
    public static Route exceptSocket(String socketId) {
      return new Route().header(Pushes.EXCEPT_SOCKET_HEADER, socketId);
    }

    /** A message: the socket that sent it gets it after its ack. */
    public static Route message(long senderId, String clientMsgId) {
      return new Route().header(Addresses.SENDER_HEADER, Long.toString(senderId))
          .header(Addresses.CLIENT_MSG_ID_HEADER, clientMsgId);
    }

    /** Only the sockets of this session (all of the user's when null), which then close. */
    public static Route closingSessions(Long sessionId, short closeCode) {
      Route route = new Route().header(Pushes.CLOSE_HEADER, Short.toString(closeCode));
      return sessionId == null ? route : route.header(Pushes.SESSION_HEADER, Long.toString(sessionId));
    }

    private Route header(String name, String value) {
      headers.addHeader(name, value);
      return this;
    }
  }

  private final Vertx vertx;
  private final int broadcastFrom;

  /** With the broadcast threshold of the configuration ({@code chat.fanoutBroadcastFrom}). */
  public static PushPublisher from(Vertx vertx, JsonObject config) {
    return new PushPublisher(vertx, config.getJsonObject("chat", new JsonObject()).getInteger("fanoutBroadcastFrom", 3));
  }

  public PushPublisher(Vertx vertx, int broadcastFrom) {
    this.vertx = vertx;
    this.broadcastFrom = Math.max(1, broadcastFrom);
  }

  public void publish(long userId, JsonObject event) {
    publish(List.of(userId), event, Route.everySocket());
  }

  public void publish(Collection<Long> userIds, JsonObject event) {
    publish(userIds, event, Route.everySocket());
  }

  public void publish(Collection<Long> userIds, JsonObject event, Route route) {
    if (userIds.isEmpty()) {
      return;
    }
    String text = event.encode();
    DeliveryOptions options = new DeliveryOptions(route.headers);
    if (userIds.size() >= broadcastFrom) {
      options.addHeader(Addresses.TO_HEADER, userIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
      vertx.eventBus().publish(Addresses.FANOUT, text, options);
    } else {
      userIds.forEach(userId -> vertx.eventBus().publish(Addresses.user(userId), text, options));
    }
  }
}
