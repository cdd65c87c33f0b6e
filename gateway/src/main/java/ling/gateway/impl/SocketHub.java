package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import ling.api.Addresses;
import ling.api.account.AccessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets this gateway holds, by user. While a user has a socket here the gateway consumes
 * {@code user.<id>} and writes every event published there to all of that user's sockets. Each
 * socket must speak within the idle timeout and stay under the frame rate.
 */
final class SocketHub {

  static final short CLOSE_REVOKED = 4401;
  static final short CLOSE_IDLE = 4408;
  static final short CLOSE_RATE_LIMITED = 4429;

  private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);

  /** One open socket and what the hub tracks about it. */
  private static final class Connection {
    final long userId;
    final ServerWebSocket socket;
    long lastHeard = System.currentTimeMillis();
    long rateWindowStart = lastHeard;
    int framesInWindow;

    Connection(long userId, ServerWebSocket socket) {
      this.userId = userId;
      this.socket = socket;
    }
  }

  private static final class UserSockets {
    final Set<Connection> connections = new LinkedHashSet<>();
    MessageConsumer<JsonObject> consumer;
  }

  private final Vertx vertx;
  private final long idleMillis;
  private final int maxFramesPerSecond;
  private final int maxFrameBytes;
  private final Map<Long, UserSockets> users = new HashMap<>();
  private long sweeper = -1;

  SocketHub(Vertx vertx, JsonObject ws) {
    this.vertx = vertx;
    this.idleMillis = ws.getInteger("idleSeconds") * 1000L;
    this.maxFramesPerSecond = ws.getInteger("maxFramesPerSecond");
    this.maxFrameBytes = ws.getInteger("maxFrameBytes");
  }

  void start() {
    sweeper = vertx.setPeriodic(Math.max(250, Math.min(5_000, idleMillis / 4)), id -> closeIdle());
  }

  Future<Void> stop() {
    vertx.cancelTimer(sweeper);
    users.values().forEach(u -> u.connections.forEach(c -> c.socket.close((short) 1001, "server stopping")));
    return Future.succeededFuture();
  }

  /** Takes over a socket that has just been upgraded for an authenticated user. */
  void attach(long userId, ServerWebSocket socket) {
    Connection connection = new Connection(userId, socket);
    UserSockets mine = users.computeIfAbsent(userId, id -> new UserSockets());
    mine.connections.add(connection);
    if (mine.consumer == null) {
      mine.consumer = vertx.eventBus().consumer(Addresses.user(userId), msg -> deliver(userId, msg.body()));
    }
    socket.textMessageHandler(text -> onText(connection, text));
    socket.binaryMessageHandler(bytes -> {
      connection.lastHeard = System.currentTimeMillis();
      sendError(connection, null, "invalid_request", "binary frames are not supported");
    });
    socket.pongHandler(pong -> connection.lastHeard = System.currentTimeMillis());
    socket.exceptionHandler(err -> LOG.debug("socket of user {} failed: {}", userId, err.getMessage()));
    socket.closeHandler(v -> detach(connection));
  }

  int socketCount(long userId) {
    UserSockets mine = users.get(userId);
    return mine == null ? 0 : mine.connections.size();
  }

  private void detach(Connection connection) {
    UserSockets mine = users.get(connection.userId);
    if (mine == null || !mine.connections.remove(connection)) {
      return;
    }
    if (mine.connections.isEmpty()) {
      users.remove(connection.userId);
      mine.consumer.unregister();
    }
  }

  private void deliver(long userId, JsonObject event) {
    UserSockets mine = users.get(userId);
    if (mine == null || event == null) {
      return;
    }
    boolean revoked = AccessTokens.SESSION_REVOKED_EVENT.equals(event.getString("type"));
    String text = event.encode();
    for (Connection c : Set.copyOf(mine.connections)) {
      c.socket.writeTextMessage(text);
      if (revoked) {
        c.socket.close(CLOSE_REVOKED, "session revoked");
      }
    }
  }

  private void onText(Connection connection, String text) {
    long now = System.currentTimeMillis();
    connection.lastHeard = now;
    if (now - connection.rateWindowStart >= 1_000) {
      connection.rateWindowStart = now;
      connection.framesInWindow = 0;
    }
    if (++connection.framesInWindow > maxFramesPerSecond) {
      sendError(connection, null, "rate_limited", "too many frames");
      connection.socket.close(CLOSE_RATE_LIMITED, "rate limited");
      return;
    }
    if (text.length() > maxFrameBytes / 3 && text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
      sendError(connection, null, "too_large", "a frame may carry at most " + maxFrameBytes + " bytes");
      return;
    }
    JsonObject frame;
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (!(parsed instanceof JsonObject object)) {
        sendError(connection, null, "invalid_request", "a frame must be a JSON object");
        return;
      }
      frame = object;
    } catch (DecodeException e) {
      sendError(connection, null, "invalid_request", "malformed JSON");
      return;
    }
    Object type = frame.getValue("type");
    if (!(type instanceof String)) {
      sendError(connection, null, "invalid_request", "type: is required");
      return;
    }
    switch ((String) type) {
      case "ping" -> connection.socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
      default -> sendError(connection, refOf(frame), "invalid_request", "type: unknown frame type '" + type + "'");
    }
  }

  private static String refOf(JsonObject frame) {
    Object ref = frame.getValue("clientMsgId");
    return ref instanceof String s ? s : null;
  }

  private static void sendError(Connection connection, String ref, String code, String message) {
    JsonObject frame = new JsonObject().put("type", "error");
    if (ref != null) {
      frame.put("ref", ref);
    }
    frame.put("error", new JsonObject().put("code", code).put("message", message));
    connection.socket.writeTextMessage(frame.encode());
  }

  private void closeIdle() {
    long cutoff = System.currentTimeMillis() - idleMillis;
    for (UserSockets mine : users.values()) {
      for (Connection c : Set.copyOf(mine.connections)) {
        if (c.lastHeard < cutoff) {
          c.socket.close(CLOSE_IDLE, "idle");
        }
      }
    }
  }
}
