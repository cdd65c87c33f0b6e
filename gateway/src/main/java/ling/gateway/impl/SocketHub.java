package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import ling.api.Addresses;
import ling.api.account.AccessTokens;
import ling.api.account.AccountService;
import ling.gateway.impl.AccessTokenVerifier.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets this gateway holds, by user. While a user has a socket here the gateway consumes
 * {@code user.<id>} and writes every event published there to all of that user's sockets. Each
 * socket must speak within the idle timeout and stay under the frame rate.
 *
 * <p>It also reports presence: the first socket of a user here and the last one closing, plus a
 * heartbeat naming every user held, from which the account service heals anything lost and by
 * whose silence it learns that this node died.
 */
final class SocketHub {

  static final short CLOSE_REVOKED = 4401;
  static final short CLOSE_IDLE = 4408;
  static final short CLOSE_RATE_LIMITED = 4429;

  private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);

  /** One open socket and what the hub tracks about it. */
  private static final class Connection {
    final long userId;
    final long sessionId;
    final ServerWebSocket socket;
    long lastHeard = System.currentTimeMillis();
    long rateWindowStart = lastHeard;
    int framesInWindow;

    Connection(long userId, long sessionId, ServerWebSocket socket) {
      this.userId = userId;
      this.sessionId = sessionId;
      this.socket = socket;
    }
  }

  private static final class UserSockets {
    final Set<Connection> connections = new LinkedHashSet<>();
    final long since = System.currentTimeMillis();
    MessageConsumer<JsonObject> consumer;
  }

  private final Vertx vertx;
  private final AccountService accounts;
  private final AccessTokenVerifier verifier;
  private final String nodeId = UUID.randomUUID().toString();
  private final long heartbeatMillis;
  private final long idleMillis;
  private final int maxFramesPerSecond;
  private final int maxFrameBytes;
  private final Map<Long, UserSockets> users = new HashMap<>();
  private long sweeper = -1;
  private long heartbeat = -1;

  SocketHub(Vertx vertx, AccountService accounts, AccessTokenVerifier verifier, JsonObject ws, JsonObject presence) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.verifier = verifier;
    this.heartbeatMillis = presence.getInteger("heartbeatSeconds") * 1000L;
    this.idleMillis = ws.getInteger("idleSeconds") * 1000L;
    this.maxFramesPerSecond = ws.getInteger("maxFramesPerSecond");
    this.maxFrameBytes = ws.getInteger("maxFrameBytes");
  }

  void start() {
    sweeper = vertx.setPeriodic(Math.max(250, Math.min(5_000, idleMillis / 4)), id -> closeIdle());
    heartbeat = vertx.setPeriodic(heartbeatMillis, id -> heartbeat());
  }

  /** Closes every socket and tells the account service these users are gone from this node. */
  Future<Void> stop() {
    vertx.cancelTimer(sweeper);
    vertx.cancelTimer(heartbeat);
    List<Future<Void>> reported = new ArrayList<>();
    for (Map.Entry<Long, UserSockets> entry : users.entrySet()) {
      entry.getValue().connections.forEach(c -> c.socket.close((short) 1001, "server stopping"));
      reported.add(accounts.socketsClosed(entry.getKey(), nodeId));
    }
    users.clear();
    return Future.join(reported).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Takes over a socket that has just been upgraded for an authenticated caller. */
  void attach(Caller caller, ServerWebSocket socket) {
    long userId = caller.userId();
    Connection connection = new Connection(userId, caller.sessionId(), socket);
    UserSockets mine = users.computeIfAbsent(userId, id -> new UserSockets());
    mine.connections.add(connection);
    if (mine.consumer == null) {
      mine.consumer = vertx.eventBus().consumer(Addresses.user(userId), msg -> deliver(userId, msg.body()));
      accounts.socketsOpened(userId, nodeId)
          .onFailure(err -> LOG.warn("presence of user {} not reported: {}", userId, err.getMessage()));
    }
    // a revocation published before the consumer was registered would be lost: look again once it is
    mine.consumer.completion()
        .compose(x -> verifier.verify(caller.token()))
        .onFailure(err -> {
          if (err instanceof ApiException) {
            socket.close(CLOSE_REVOKED, "session revoked");
          }
        });
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
      accounts.socketsClosed(connection.userId, nodeId)
          .onFailure(err -> LOG.warn("absence of user {} not reported: {}", connection.userId, err.getMessage()));
    }
  }

  private void deliver(long userId, JsonObject event) {
    UserSockets mine = users.get(userId);
    if (mine == null || event == null) {
      return;
    }
    boolean revoked = AccessTokens.SESSION_REVOKED_EVENT.equals(event.getString("type"));
    Long onlySession = revoked ? event.getLong("sessionId") : null;
    String text = event.encode();
    for (Connection c : Set.copyOf(mine.connections)) {
      if (onlySession != null && onlySession != c.sessionId) {
        continue;
      }
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

  /** Users held for at least one heartbeat: a newer socket may not have reached the account service yet. */
  private void heartbeat() {
    long settled = System.currentTimeMillis() - heartbeatMillis;
    List<Long> held = users.entrySet().stream()
        .filter(e -> e.getValue().since <= settled)
        .map(Map.Entry::getKey)
        .toList();
    accounts.nodeHeartbeat(nodeId, held)
        .onFailure(err -> LOG.warn("presence heartbeat failed: {}", err.getMessage()));
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
