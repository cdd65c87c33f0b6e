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
        msg -> deliver(userId, msg.body(), msg.headers())));
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
    int start = 0;
    while (start < to.length()) {
      int end = to.indexOf(',', start);
      if (end < 0) {
        end = to.length();
      }
      long userId = Long.parseLong(to, start, end, 10);
      if (registry.holds(userId)) {
        deliver(userId, msg.body(), msg.headers());
      }
      start = end + 1;
    }
  }

  private void deliver(long userId, String text, MultiMap headers) {
    UserSockets mine = registry.user(userId);
    if (mine == null || text == null) {
      return;
    }
    String onlySocket = headers.get(Pushes.ONLY_SOCKET_HEADER);
    String exceptSocket = headers.get(Pushes.EXCEPT_SOCKET_HEADER);
    String session = headers.get(Pushes.SESSION_HEADER);
    String close = headers.get(Pushes.CLOSE_HEADER);
    String ownClientMsgId = Long.toString(userId).equals(headers.get(Addresses.SENDER_HEADER))
        ? headers.get(Addresses.CLIENT_MSG_ID_HEADER) : null;
    int bytes = Outbound.utf8Length(text);
    // a copy: closing a socket takes it out of the set; one closed for being slow leaves it only later
    for (SocketConnection c : close == null ? mine.connections : Set.copyOf(mine.connections)) {
      if ((onlySocket != null && !onlySocket.equals(c.socketId))
          || (exceptSocket != null && exceptSocket.equals(c.socketId))
          || (session != null && !session.equals(Long.toString(c.sessionId)))) {
        continue;
      }
      if (ownClientMsgId != null && c.awaitingAck.containsKey(ownClientMsgId)) {
        c.awaitingAck.put(ownClientMsgId, text);
        continue;
      }
      c.out.write(text, bytes);
      if (close != null) {
        c.socket.close(Short.parseShort(close), "session revoked");
      }
    }
  }
}
