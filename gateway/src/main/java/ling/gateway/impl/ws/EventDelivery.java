package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import ling.api.Addresses;
import ling.api.Pushes;
import ling.gateway.impl.ws.SocketRegistry.UserSockets;

/**
 * Events from the bus to the sockets, by one rule. While a user has a socket here the gateway
 * consumes {@code user.<id>}; an event for several users comes once on {@code fanout}, naming
 * them, and goes to those held here. Every event arrives encoded, and its headers say which of
 * the user's sockets get it ({@link Pushes}): all of them, one, all but one, or those of one
 * session, which then close; and the socket that sent a message gets it only after its ack.
 */
final class EventDelivery {

  private final Vertx vertx;
  private final SocketRegistry registry;
  private final Map<Long, MessageConsumer<String>> consumers = new HashMap<>();
  private MessageConsumer<String> fanout;

  EventDelivery(Vertx vertx, SocketRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  void start() {
    fanout = vertx.eventBus().consumer(Addresses.FANOUT, this::fanOut);
  }

  void stop() {
    if (fanout != null) {
      fanout.unregister();
    }
  }

  /** Consumes the user's events, as its first socket here has opened. */
  void listen(long userId) {
    consumers.put(userId, vertx.eventBus().<String>consumer(Addresses.user(userId),
        msg -> deliver(userId, msg.body(), Routing.of(msg.headers()))));
  }

  /** Completed once the user's consumer is registered: from then on no event for the user is missed. */
  Future<Void> listening(long userId) {
    return consumers.get(userId).completion();
  }

  /** No longer consumes the user's events, as its last socket here has closed. */
  void stopListening(long userId) {
    MessageConsumer<String> consumer = consumers.remove(userId);
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** An event for several users: written to the sockets this gateway holds of them. */
  private void fanOut(Message<String> msg) {
    String to = msg.headers().get(Addresses.TO_HEADER);
    if (to == null || registry.isEmpty()) {
      return;
    }
    Routing routing = null;
    int start = 0;
    while (start < to.length()) {
      int end = to.indexOf(',', start);
      if (end < 0) {
        end = to.length();
      }
      long userId = Long.parseLong(to, start, end, 10);
      if (registry.holds(userId)) {
        if (routing == null) {
          routing = Routing.of(msg.headers());
        }
        deliver(userId, msg.body(), routing);
      }
      start = end + 1;
    }
  }

  /** The routing headers of one event, read once however many users it goes to. */
  private record Routing(String onlySocket, String exceptSocket, Long session, Short close, Long sender,
                         String clientMsgId) {

    static Routing of(MultiMap headers) {
      String session = headers.get(Pushes.SESSION_HEADER);
      String close = headers.get(Pushes.CLOSE_HEADER);
      String sender = headers.get(Addresses.SENDER_HEADER);
      return new Routing(headers.get(Pushes.ONLY_SOCKET_HEADER), headers.get(Pushes.EXCEPT_SOCKET_HEADER),
          session == null ? null : Long.valueOf(session), close == null ? null : Short.valueOf(close),
          sender == null ? null : Long.valueOf(sender), headers.get(Addresses.CLIENT_MSG_ID_HEADER));
    }

    boolean skips(SocketConnection c) {
      return (onlySocket != null && !onlySocket.equals(c.socketId))
          || (exceptSocket != null && exceptSocket.equals(c.socketId))
          || (session != null && session != c.sessionId);
    }
  }

  private void deliver(long userId, String text, Routing routing) {
    UserSockets mine = registry.user(userId);
    if (mine == null || text == null) {
      return;
    }
    String ownClientMsgId = routing.sender() != null && routing.sender() == userId ? routing.clientMsgId() : null;
    int bytes = Outbound.utf8Length(text);
    // a copy: closing a socket takes it out of the set; one closed for being slow leaves it only later
    for (SocketConnection c : routing.close() == null ? mine.connections : Set.copyOf(mine.connections)) {
      if (routing.skips(c)) {
        continue;
      }
      if (ownClientMsgId != null && c.awaitingAck.containsKey(ownClientMsgId)) {
        c.awaitingAck.put(ownClientMsgId, text);
        continue;
      }
      c.out.write(text, bytes);
      if (routing.close() != null) {
        c.socket.close(routing.close(), "session revoked");
      }
    }
  }
}
