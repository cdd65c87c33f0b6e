package ling.gateway.impl.ws;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import ling.gateway.impl.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One open socket and what the gateway tracks about it; used from the socket's event loop only. */
final class SocketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);

  final long userId;
  final long sessionId;
  /** Unique across gateways: the node's id and a number. */
  final String socketId;
  final ServerWebSocket socket;
  /** Whether a call frame may have put this socket in a call, which it leaves when it closes. */
  boolean calling;
  long lastHeard = System.currentTimeMillis();
  /** This socket's frames in the current second. */
  final FrameCounter frames = new FrameCounter(lastHeard);
  /**
   * Sends awaiting their ack, by clientMsgId, with the message event if it overtook the ack:
   * the sending socket gets the ack first, then the message.
   */
  final Map<String, String> awaitingAck = new HashMap<>();
  /** Sends per conversation not answered yet (see {@link SendPipeline}). */
  final Map<Long, SendPipeline.Queue> sendQueues = new HashMap<>();
  final CallFrames.InOrder callFrames = new CallFrames.InOrder();
  final Outbound out;

  SocketConnection(long userId, long sessionId, String socketId, ServerWebSocket socket, Outbound out) {
    this.userId = userId;
    this.sessionId = sessionId;
    this.socketId = socketId;
    this.socket = socket;
    this.out = out;
  }

  /** Writes an error frame; {@code ref} names the frame it answers, when known. */
  void error(String ref, String code, String message) {
    JsonObject frame = new JsonObject().put("type", "error");
    if (ref != null) {
      frame.put("ref", ref);
    }
    frame.put("error", new JsonObject().put("code", code).put("message", message));
    out.write(frame.encode());
  }

  /** Writes the error frame of a failed call to a service; what a client may not see is logged and is "internal". */
  void failure(String ref, Throwable failure) {
    ApiError error = ApiError.fromService(failure);
    if (error == null) {
      LOG.error("frame of user {} failed", userId, failure);
      error = ApiError.internal();
    }
    error(ref, error.code(), error.message());
  }
}
