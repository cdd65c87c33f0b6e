package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import ling.api.chat.ChatService;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.GatewaySettings;
import ling.gateway.impl.MessageRequests;
import ling.gateway.impl.Requests;
import ling.gateway.impl.ws.SocketRegistry.UserSockets;

/**
 * What a socket says, taken frame by frame: each socket and each account must stay under its frame
 * rate and each frame under the size limit, a frame must be a JSON object with a known type, and
 * it goes to the service that answers it. Whatever is refused gets an error frame naming the
 * frame it refers to, where that is known; a socket far over its rate, or sending text that is
 * not UTF-8, is closed.
 */
final class FrameRouter {

  static final short CLOSE_RATE_LIMITED = 4429;
  static final short CLOSE_INVALID_PAYLOAD = 1007;

  private final ChatService chat;
  private final CallFrames calls;
  private final SendPipeline sends;
  private final SocketRegistry registry;
  private final int maxFrameBytes;
  private final int maxFramesPerSecond;
  private final int maxFramesPerSecondPerUser;

  FrameRouter(ChatService chat, CallFrames calls, SendPipeline sends, SocketRegistry registry,
              GatewaySettings.Sockets settings) {
    this.chat = chat;
    this.calls = calls;
    this.sends = sends;
    this.registry = registry;
    this.maxFrameBytes = settings.maxFrameBytes();
    this.maxFramesPerSecond = settings.maxFramesPerSecond();
    this.maxFramesPerSecondPerUser = settings.maxFramesPerSecondPerUser();
  }

  /** Hears the socket's frames and pongs from now on. */
  void listen(SocketConnection connection) {
    InboundMessages inbound = new InboundMessages(2 * maxFrameBytes, new InboundMessages.Sink() {
      @Override
      public void text(String text) {
        onText(connection, text);
      }

      @Override
      public void binary() {
        connection.lastHeard = System.currentTimeMillis();
        connection.error(null, "invalid_request", "binary frames are not supported");
      }

      @Override
      public void tooLarge() {
        connection.lastHeard = System.currentTimeMillis();
        connection.error(null, "too_large", "a frame may carry at most " + maxFrameBytes + " bytes");
      }

      @Override
      public void invalidText() {
        connection.socket.close(CLOSE_INVALID_PAYLOAD, "text frames must be UTF-8");
      }
    });
    connection.socket.frameHandler(inbound::accept);
    connection.socket.pongHandler(pong -> connection.lastHeard = System.currentTimeMillis());
  }

  private void onText(SocketConnection connection, String text) {
    long now = System.currentTimeMillis();
    connection.lastHeard = now;
    int frames = connection.frames.count(now);
    UserSockets mine = registry.user(connection.userId);
    // the account's rate too: many sockets do not multiply what one user may send
    if (mine != null && mine.frames.count(now) > maxFramesPerSecondPerUser && frames <= maxFramesPerSecond) {
      connection.error(refOfText(text), "rate_limited", "too many frames from this account; slow down");
      return;
    }
    if (frames > maxFramesPerSecond) {
      // over the rate a frame is refused; a client that keeps going at twice the rate is cut off
      if (frames > 2 * maxFramesPerSecond) {
        connection.socket.close(CLOSE_RATE_LIMITED, "rate limited");
      } else {
        connection.error(refOfText(text), "rate_limited", "too many frames; slow down");
      }
      return;
    }
    if (text.length() > maxFrameBytes / 3 && text.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes) {
      connection.error(null, "too_large", "a frame may carry at most " + maxFrameBytes + " bytes");
      return;
    }
    JsonObject frame;
    try {
      Object parsed = Json.decodeValue(text);
      if (!(parsed instanceof JsonObject object)) {
        connection.error(null, "invalid_request", "a frame must be a JSON object");
        return;
      }
      frame = object;
    } catch (DecodeException e) {
      connection.error(null, "invalid_request", "malformed JSON");
      return;
    }
    Object type = frame.getValue("type");
    if (!(type instanceof String)) {
      connection.error(null, "invalid_request", "type: is required");
      return;
    }
    try {
      route(connection, (String) type, frame);
    } catch (ApiException e) {
      connection.error(refOf(frame), e.error.code(), e.error.message());
    }
  }

  /** One well-formed frame to what answers it; a malformed field throws an ApiException. */
  private void route(SocketConnection connection, String type, JsonObject frame) {
    switch (type) {
      case "ping" -> connection.out.write(new JsonObject().put("type", "pong").encode());
      case "send" -> sends.send(connection, frame);
      case "read" -> answerQuietly(connection, frame, chat.markRead(connection.userId,
          Requests.requiredId(frame, "conversationId"), MessageRequests.requiredSeq(frame, "seq")));
      case "typing" -> answerQuietly(connection, frame, chat.typing(connection.userId,
          Requests.requiredId(frame, "conversationId")));
      case "recall" -> recall(connection, frame);
      default -> {
        if (CallFrames.handles(type)) {
          connection.calling |= calls.handle(connection.userId, connection.socketId, type, frame,
              connection.callFrames, answer -> connection.out.write(answer.encode()), connection::failure);
        } else {
          connection.error(refOf(frame), "invalid_request", "type: unknown frame type '" + type + "'");
        }
      }
    }
  }

  private void recall(SocketConnection connection, JsonObject frame) {
    long messageId = Requests.requiredId(frame, "messageId");
    chat.recall(connection.userId, messageId, null).onComplete(ar -> {
      if (ar.succeeded()) {
        connection.out.write(new JsonObject().put("type", "recalled").put("messageId", messageId).encode());
      } else {
        connection.failure(Long.toString(messageId), ar.cause());
      }
    });
  }

  /** Frames without an answer: only a failure is reported. */
  private static void answerQuietly(SocketConnection connection, JsonObject frame, Future<Void> outcome) {
    outcome.onFailure(err -> connection.failure(refOf(frame), err));
  }

  /** The ref of a frame not parsed yet (refused before parsing): best effort. */
  private static String refOfText(String text) {
    try {
      Object parsed = Json.decodeValue(text);
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
}
