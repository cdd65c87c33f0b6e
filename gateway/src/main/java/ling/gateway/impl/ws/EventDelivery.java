package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import ling.api.Addresses;
import ling.api.account.AccessTokens;
import ling.api.chat.ChatService;
import ling.api.media.MediaSignalingService;
import ling.gateway.impl.ws.SocketRegistry.UserSockets;

/**
 * Events from the bus to the sockets. While a user has a socket here the gateway consumes
 * {@code user.<id>} and writes every event published there to all of that user's sockets; an
 * event encoded once for several users comes on {@code fanout} and goes to those held here.
 * The socket that sent a message gets its message event only after its ack, a revoked session's
 * sockets are told and closed, and a call event may be meant for one socket of the user or for
 * all but one.
 */
final class EventDelivery {

  static final short CLOSE_REVOKED = 4401;

  private final Vertx vertx;
  private final SocketRegistry registry;
  private final Map<Long, MessageConsumer<Object>> consumers = new HashMap<>();
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
    consumers.put(userId, vertx.eventBus().consumer(Addresses.user(userId), msg -> {
      if (msg.body() instanceof String text) {
        deliverText(userId, text, msg.headers());
      } else {
        deliver(userId, (JsonObject) msg.body());
      }
    }));
  }

  /** Completed once the user's consumer is registered: from then on no event for the user is missed. */
  Future<Void> listening(long userId) {
    return consumers.get(userId).completion();
  }

  /** No longer consumes the user's events, as its last socket here has closed. */
  void stopListening(long userId) {
    MessageConsumer<Object> consumer = consumers.remove(userId);
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** A pre-encoded event for several users: written to the sockets this gateway holds of them. */
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
        deliverText(userId, msg.body(), msg.headers());
      }
      start = end + 1;
    }
  }

  /**
   * A message event already encoded: to every socket of the user, except that the sending socket
   * gets it only after its ack (the headers name the sender and the clientMsgId).
   */
  private void deliverText(long userId, String text, MultiMap headers) {
    UserSockets mine = registry.user(userId);
    if (mine == null) {
      return;
    }
    String ownClientMsgId = Long.toString(userId).equals(headers.get(Addresses.SENDER_HEADER))
        ? headers.get(Addresses.CLIENT_MSG_ID_HEADER) : null;
    int bytes = Outbound.utf8Length(text);
    // a socket closed for being slow leaves the set only later, from its close handler
    for (SocketConnection c : mine.connections) {
      if (ownClientMsgId != null && c.awaitingAck.containsKey(ownClientMsgId)) {
        c.awaitingAck.put(ownClientMsgId, text);
      } else {
        c.out.write(text, bytes);
      }
    }
  }

  private void deliver(long userId, JsonObject event) {
    UserSockets mine = registry.user(userId);
    if (mine == null || event == null) {
      return;
    }
    boolean revoked = AccessTokens.SESSION_REVOKED_EVENT.equals(event.getString("type"));
    Long onlySession = revoked ? event.getLong("sessionId") : null;
    String onlySocket = null;
    String exceptSocket = null;
    if (event.containsKey(MediaSignalingService.ONLY_SOCKET) || event.containsKey(MediaSignalingService.EXCEPT_SOCKET)) {
      // call events for one device of the user, or for all but one: routing, not content
      event = event.copy();
      onlySocket = (String) event.remove(MediaSignalingService.ONLY_SOCKET);
      exceptSocket = (String) event.remove(MediaSignalingService.EXCEPT_SOCKET);
    }
    String text = event.encode();
    int bytes = Outbound.utf8Length(text);
    String ownClientMsgId = ownMessage(userId, event);
    for (SocketConnection c : Set.copyOf(mine.connections)) {
      if ((onlySession != null && onlySession != c.sessionId)
          || (onlySocket != null && !onlySocket.equals(c.socketId))
          || (exceptSocket != null && exceptSocket.equals(c.socketId))) {
        continue;
      }
      if (ownClientMsgId != null && c.awaitingAck.containsKey(ownClientMsgId)) {
        c.awaitingAck.put(ownClientMsgId, text);
        continue;
      }
      c.out.write(text, bytes);
      if (revoked) {
        c.socket.close(CLOSE_REVOKED, "session revoked");
      }
    }
  }

  /** The clientMsgId of a message event about the user's own message, else null. */
  private static String ownMessage(long userId, JsonObject event) {
    if (!ChatService.MESSAGE_EVENT.equals(event.getString("type"))) {
      return null;
    }
    JsonObject message = event.getJsonObject("message");
    return message != null && Long.valueOf(userId).equals(message.getLong("senderId"))
        ? message.getString("clientMsgId") : null;
  }
}
