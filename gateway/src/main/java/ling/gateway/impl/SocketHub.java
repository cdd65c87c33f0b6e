package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
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
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatService;
import io.vertx.serviceproxy.ServiceException;
import ling.api.chat.SendOutcome;
import ling.api.chat.SendRequest;
import ling.api.media.MediaSignalingService;
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
  static final short CLOSE_TOO_MANY_SOCKETS = 4409;
  static final short CLOSE_INVALID_PAYLOAD = 1007;

  private static final Logger LOG = LoggerFactory.getLogger(SocketHub.class);

  /** One open socket and what the hub tracks about it. */
  private static final class Connection {
    final long userId;
    final long sessionId;
    /** Unique across gateways: the node's id and a number. */
    final String socketId;
    final ServerWebSocket socket;
    /** Whether a call frame may have put this socket in a call, which it leaves when it closes. */
    boolean calling;
    long lastHeard = System.currentTimeMillis();
    long rateWindowStart = lastHeard;
    int framesInWindow;
    /**
     * Sends awaiting their ack, by clientMsgId, with the message event if it overtook the ack:
     * the sending socket gets the ack first, then the message.
     */
    final Map<String, String> awaitingAck = new HashMap<>();
    /**
     * Sends per conversation not answered yet. One batch is in flight at a time and the sends
     * that arrive meanwhile go together in the next: a socket's sends to one conversation keep
     * the order they were sent in, whatever chat-service instance takes each batch, and a
     * burst costs one transaction instead of one each.
     */
    final Map<Long, SendQueue> sendQueues = new HashMap<>();
    final CallFrames.InOrder callFrames = new CallFrames.InOrder();
    final Outbound out;

    Connection(long userId, long sessionId, String socketId, ServerWebSocket socket, Outbound out) {
      this.userId = userId;
      this.sessionId = sessionId;
      this.socketId = socketId;
      this.socket = socket;
      this.out = out;
    }
  }

  private static final class SendQueue {
    final List<SendRequest> waiting = new ArrayList<>();
    boolean inFlight;
  }

  private static final int MAX_BATCH = 50;

  private static final class UserSockets {
    /** In the order they were opened: the first is the oldest. */
    final Set<Connection> connections = new LinkedHashSet<>();
    MessageConsumer<Object> consumer;
    /** The user's frames in the current second, over all of its sockets here. */
    long rateWindowStart;
    int framesInWindow;
  }

  private final Vertx vertx;
  private final AccountService accounts;
  private final ChatService chat;
  private final AccessTokenVerifier verifier;
  private final PresenceReporter presence;
  private final MediaSignalingService media;
  private final CallFrames calls;
  private final String nodeId = UUID.randomUUID().toString();
  private long socketsOpened;
  private final long idleMillis;
  private final int maxFramesPerSecond;
  private final int maxFrameBytes;
  private final int maxPendingSends;
  private final boolean coalesceWrites;
  private final Outbound.Budget outbound;
  private final int maxSocketsPerUser;
  private final int maxFramesPerSecondPerUser;
  private final Map<Long, UserSockets> users = new HashMap<>();
  private long sweeper = -1;
  private MessageConsumer<String> fanout;

  SocketHub(Vertx vertx, AccountService accounts, ChatService chat, MediaSignalingService media,
            AccessTokenVerifier verifier, JsonObject ws, JsonObject presence) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.chat = chat;
    this.media = media;
    this.calls = new CallFrames(media);
    this.verifier = verifier;
    this.presence = new PresenceReporter(vertx, accounts, nodeId,
        presence.getInteger("heartbeatSeconds") * 1000L, users::keySet);
    this.idleMillis = ws.getInteger("idleSeconds") * 1000L;
    this.maxFramesPerSecond = ws.getInteger("maxFramesPerSecond");
    this.maxFrameBytes = ws.getInteger("maxFrameBytes");
    this.maxPendingSends = ws.getInteger("maxPendingSends");
    this.coalesceWrites = ws.getBoolean("coalesceWrites", true);
    this.outbound = new Outbound.Budget(ws.getLong("maxQueuedBytes"), ws.getLong("maxQueuedBytesTotal"),
        ws.getLong("slowGraceMillis"));
    this.maxSocketsPerUser = ws.getInteger("maxSocketsPerUser");
    this.maxFramesPerSecondPerUser = ws.getInteger("maxFramesPerSecondPerUser");
  }

  /** Bytes written to this instance's sockets that the kernel has not taken yet. */
  long queuedBytes() {
    return outbound.queued;
  }

  void start() {
    fanout = vertx.eventBus().consumer(Addresses.FANOUT, this::fanOut);
    sweeper = vertx.setPeriodic(Math.max(250, Math.min(5_000, idleMillis / 4)), id -> closeIdle());
    presence.start();
  }

  /** Closes every socket and tells the account service these users are gone from this node. */
  Future<Void> stop() {
    vertx.cancelTimer(sweeper);
    if (fanout != null) {
      fanout.unregister();
    }
    List<Future<Void>> leftCalls = new ArrayList<>();
    users.values().forEach(u -> u.connections.forEach(c -> {
      if (c.calling) {
        leftCalls.add(media.socketClosed(c.userId, c.socketId).otherwiseEmpty());
      }
      c.socket.close((short) 1001, "server stopping");
    }));
    users.clear();
    return Future.join(leftCalls).transform(x -> presence.stop());
  }

  /** Takes over a socket that has just been upgraded for an authenticated caller. */
  void attach(Caller caller, ServerWebSocket socket, HttpConnection upgradedOn) {
    long userId = caller.userId();
    if (coalesceWrites) {
      CoalescedWrites.install(upgradedOn);
    }
    Connection connection = new Connection(userId, caller.sessionId(), nodeId + "/" + (++socketsOpened), socket,
        new Outbound(vertx, socket, upgradedOn, outbound));
    UserSockets mine = users.computeIfAbsent(userId, id -> new UserSockets());
    mine.connections.add(connection);
    // one account holds only so many sockets here: a new device pushes out the oldest
    int over = mine.connections.size() - Math.max(1, maxSocketsPerUser);
    for (Connection oldest : List.copyOf(mine.connections)) {
      if (over-- <= 0 || oldest == connection) {
        break;
      }
      oldest.socket.close(CLOSE_TOO_MANY_SOCKETS, "too many sockets: the oldest is closed");
      detach(oldest);
    }
    if (mine.consumer == null) {
      mine.consumer = vertx.eventBus().consumer(Addresses.user(userId), msg -> {
        if (msg.body() instanceof String text) {
          deliverText(userId, text, msg.headers());
        } else {
          deliver(userId, (JsonObject) msg.body());
        }
      });
      presence.changed();
    }
    // a revocation published before the consumer was registered would be lost: look again once it is
    mine.consumer.completion()
        .compose(x -> verifier.verify(caller.token()))
        .onFailure(err -> {
          if (err instanceof ApiException) {
            socket.close(CLOSE_REVOKED, "session revoked");
          }
        });
    InboundMessages inbound = new InboundMessages(2 * maxFrameBytes, new InboundMessages.Sink() {
      @Override
      public void text(String text) {
        onText(connection, text);
      }

      @Override
      public void binary() {
        connection.lastHeard = System.currentTimeMillis();
        sendError(connection, null, "invalid_request", "binary frames are not supported");
      }

      @Override
      public void tooLarge() {
        connection.lastHeard = System.currentTimeMillis();
        sendError(connection, null, "too_large", "a frame may carry at most " + maxFrameBytes + " bytes");
      }

      @Override
      public void invalidText() {
        socket.close(CLOSE_INVALID_PAYLOAD, "text frames must be UTF-8");
      }
    });
    socket.frameHandler(inbound::accept);
    socket.pongHandler(pong -> connection.lastHeard = System.currentTimeMillis());
    socket.exceptionHandler(err -> {
      if (err instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException corrupt) {
        // a protocol error (reserved bits, a bad opcode, a frame too large): say which, then close
        socket.close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
      }
      LOG.debug("socket of user {} failed: {}", userId, err.getMessage());
    });
    socket.closeHandler(v -> detach(connection));
  }

  private void detach(Connection connection) {
    UserSockets mine = users.get(connection.userId);
    if (mine == null || !mine.connections.remove(connection)) {
      return;
    }
    if (connection.calling) {
      media.socketClosed(connection.userId, connection.socketId)
          .onFailure(err -> LOG.warn("calls of a closed socket of user {} not ended: {}", connection.userId,
              err.getMessage()));
    }
    if (mine.connections.isEmpty()) {
      users.remove(connection.userId);
      mine.consumer.unregister();
      presence.changed();
    }
  }

  /** A pre-encoded event for several users: written to the sockets this gateway holds of them. */
  private void fanOut(io.vertx.core.eventbus.Message<String> msg) {
    String to = msg.headers().get(Addresses.TO_HEADER);
    if (to == null || users.isEmpty()) {
      return;
    }
    int start = 0;
    while (start < to.length()) {
      int end = to.indexOf(',', start);
      if (end < 0) {
        end = to.length();
      }
      long userId = Long.parseLong(to, start, end, 10);
      if (users.containsKey(userId)) {
        deliverText(userId, msg.body(), msg.headers());
      }
      start = end + 1;
    }
  }

  /**
   * A message event already encoded: to every socket of the user, except that the sending socket
   * gets it only after its ack (the headers name the sender and the clientMsgId).
   */
  private void deliverText(long userId, String text, io.vertx.core.MultiMap headers) {
    UserSockets mine = users.get(userId);
    if (mine == null) {
      return;
    }
    String ownClientMsgId = Long.toString(userId).equals(headers.get(Addresses.SENDER_HEADER))
        ? headers.get(Addresses.CLIENT_MSG_ID_HEADER) : null;
    int bytes = Outbound.utf8Length(text);
    // a socket closed for being slow leaves the set only later, from its close handler
    for (Connection c : mine.connections) {
      if (ownClientMsgId != null && c.awaitingAck.containsKey(ownClientMsgId)) {
        c.awaitingAck.put(ownClientMsgId, text);
      } else {
        c.out.write(text, bytes);
      }
    }
  }

  private void deliver(long userId, JsonObject event) {
    UserSockets mine = users.get(userId);
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
    for (Connection c : Set.copyOf(mine.connections)) {
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

  private void onText(Connection connection, String text) {
    long now = System.currentTimeMillis();
    connection.lastHeard = now;
    if (now - connection.rateWindowStart >= 1_000) {
      connection.rateWindowStart = now;
      connection.framesInWindow = 0;
    }
    int frames = ++connection.framesInWindow;
    UserSockets mine = users.get(connection.userId);
    if (mine != null) {
      if (now - mine.rateWindowStart >= 1_000) {
        mine.rateWindowStart = now;
        mine.framesInWindow = 0;
      }
      // the account's rate too: many sockets do not multiply what one user may send
      if (++mine.framesInWindow > maxFramesPerSecondPerUser && frames <= maxFramesPerSecond) {
        sendError(connection, refOfText(text), "rate_limited", "too many frames from this account; slow down");
        return;
      }
    }
    if (frames > maxFramesPerSecond) {
      // over the rate a frame is refused; a client that keeps going at twice the rate is cut off
      if (frames > 2 * maxFramesPerSecond) {
        connection.socket.close(CLOSE_RATE_LIMITED, "rate limited");
      } else {
        sendError(connection, refOfText(text), "rate_limited", "too many frames; slow down");
      }
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
    try {
      switch ((String) type) {
        case "ping" -> connection.out.write(new JsonObject().put("type", "pong").encode());
        case "send" -> onSend(connection, frame);
        case "read" -> answerQuietly(connection, frame, chat.markRead(connection.userId,
            requiredId(frame, "conversationId"), ConversationRoutes.requiredSeq(frame, "seq")));
        case "typing" -> answerQuietly(connection, frame, chat.typing(connection.userId,
            requiredId(frame, "conversationId")));
        case "recall" -> onRecall(connection, frame);
        default -> {
          if (CallFrames.handles((String) type)) {
            connection.calling |= calls.handle(connection.userId, connection.socketId, (String) type, frame,
                connection.callFrames, answer -> connection.out.write(answer.encode()),
                (ref, err) -> sendFailure(connection, ref, err));
          } else {
            sendError(connection, refOf(frame), "invalid_request", "type: unknown frame type '" + type + "'");
          }
        }
      }
    } catch (ApiException e) {
      sendError(connection, refOf(frame), e.error.code(), e.error.message());
    }
  }

  private void onSend(Connection connection, JsonObject frame) {
    SendRequest request = ConversationRoutes.sendRequest(frame, requiredId(frame, "conversationId"));
    if (connection.awaitingAck.size() >= maxPendingSends) {
      // the chat service is behind: refuse rather than queue without bound
      sendError(connection, request.getClientMsgId(), "rate_limited", "too many sends awaiting their ack");
      return;
    }
    connection.awaitingAck.putIfAbsent(request.getClientMsgId(), "");
    SendQueue queue = connection.sendQueues.computeIfAbsent(request.getConversationId(), id -> new SendQueue());
    queue.waiting.add(request);
    if (!queue.inFlight) {
      dispatch(connection, request.getConversationId(), queue);
    }
  }

  private void dispatch(Connection connection, long conversationId, SendQueue queue) {
    if (connection.socket.isClosed()) {
      // nobody is left to answer: what was not sent yet is dropped (the client resends it)
      queue.waiting.clear();
      connection.sendQueues.remove(conversationId);
      return;
    }
    List<SendRequest> batch = new ArrayList<>(queue.waiting.subList(0, Math.min(MAX_BATCH, queue.waiting.size())));
    queue.waiting.subList(0, batch.size()).clear();
    queue.inFlight = true;
    Future<List<SendOutcome>> answered = batch.size() == 1
        ? chat.send(connection.userId, batch.get(0))
            .map(message -> List.of(new SendOutcome().setClientMsgId(message.getClientMsgId()).setMessage(message)))
        : chat.sendBatch(connection.userId, batch);
    answered.onComplete(ar -> {
      try {
        for (int i = 0; i < batch.size(); i++) {
          String clientMsgId = batch.get(i).getClientMsgId();
          SendOutcome outcome = ar.succeeded() && i < ar.result().size() ? ar.result().get(i) : null;
          if (outcome == null) {
            answer(connection, clientMsgId, null, ar.failed() ? ar.cause() : new IllegalStateException("no outcome"));
          } else {
            answer(connection, clientMsgId, outcome.getMessage(), outcome.getMessage() != null ? null
                : new ServiceException(outcome.getFailureCode(), outcome.getFailureMessage()));
          }
        }
      } finally {
        queue.inFlight = false;
        if (!queue.waiting.isEmpty()) {
          dispatch(connection, conversationId, queue);
        } else {
          connection.sendQueues.remove(conversationId);
        }
      }
    });
  }

  /** The ack (or error) of one send, then its message event if that came first. */
  private void answer(Connection connection, String clientMsgId, ChatMessage message, Throwable failure) {
    String overtaken = connection.awaitingAck.remove(clientMsgId);
    if (message != null) {
      connection.out.write(new JsonObject().put("type", "ack")
          .put("clientMsgId", clientMsgId).put("messageId", message.getId())
          .put("seq", message.getSeq()).put("createdAt", message.getCreatedAt()).encode());
    } else {
      sendFailure(connection, clientMsgId, failure);
    }
    if (overtaken != null && !overtaken.isEmpty()) {
      connection.out.write(overtaken);
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

  private void onRecall(Connection connection, JsonObject frame) {
    long messageId = requiredId(frame, "messageId");
    chat.recall(connection.userId, messageId, null).onComplete(ar -> {
      if (ar.succeeded()) {
        connection.out.write(new JsonObject().put("type", "recalled").put("messageId", messageId).encode());
      } else {
        sendFailure(connection, Long.toString(messageId), ar.cause());
      }
    });
  }

  /** Frames without an answer: only a failure is reported. */
  private void answerQuietly(Connection connection, JsonObject frame, Future<Void> outcome) {
    outcome.onFailure(err -> sendFailure(connection, refOf(frame), err));
  }

  private void sendFailure(Connection connection, String ref, Throwable failure) {
    ApiError error = ApiError.fromService(failure);
    if (error == null) {
      LOG.error("frame of user {} failed", connection.userId, failure);
      error = ApiError.internal();
    }
    sendError(connection, ref, error.code(), error.message());
  }

  private static long requiredId(JsonObject frame, String field) {
    return Requests.requiredId(frame, field);
  }

  /** The ref of a frame not parsed yet (refused before parsing): best effort. */
  private static String refOfText(String text) {
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      return parsed instanceof JsonObject frame ? refOf(frame) : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static String refOf(JsonObject frame) {
    Object ref = frame.getValue("clientMsgId");
    if (ref == null) {
      ref = frame.getValue("ref");
    }
    return ref instanceof String s ? s : null;
  }

  private static void sendError(Connection connection, String ref, String code, String message) {
    JsonObject frame = new JsonObject().put("type", "error");
    if (ref != null) {
      frame.put("ref", ref);
    }
    frame.put("error", new JsonObject().put("code", code).put("message", message));
    connection.out.write(frame.encode());
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
