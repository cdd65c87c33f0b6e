package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import ling.api.media.MediaSignalingService;

/**
 * The {@code call.*} frames of a socket: shape checked here, state kept by the media signaling
 * service, which hears the socket's id so that a call stays on the device that took it.
 */
final class CallFrames {

  private final MediaSignalingService media;

  CallFrames(MediaSignalingService media) {
    this.media = media;
  }

  static boolean handles(String type) {
    return type.startsWith("call.");
  }

  /**
   * Handles one frame; {@code write} sends the socket its answer, {@code fail} an error frame.
   * Answers whether the frame was a call frame this socket may now be in a call by.
   */
  boolean handle(long userId, String socketId, String type, JsonObject frame, Consumer<JsonObject> write,
                 BiConsumer<String, Throwable> fail) {
    String ref = ref(frame);
    switch (type) {
      case "call.invite" -> {
        long conversationId = Requests.requiredId(frame, "conversationId");
        String mediaKind = Requests.requiredString(frame, "media");
        media.invite(userId, socketId, conversationId, mediaKind).onComplete(ar -> {
          if (ar.failed()) {
            fail.accept(ref, ar.cause());
          } else if (ar.result().containsKey("participants")) {
            // the group had a call already: the inviter is in it now
            write.accept(ar.result().copy().put("type", "call.joined"));
          } else {
            write.accept(new JsonObject().put("type", "call.ringing").put("callId", ar.result().getLong("callId"))
                .put("conversationId", conversationId).put("group", ar.result().getBoolean("group")));
          }
        });
        return true;
      }
      case "call.accept" -> quietly(media.accept(userId, socketId, Requests.requiredId(frame, "callId")), ref, fail);
      case "call.reject" -> quietly(media.reject(userId, socketId, Requests.requiredId(frame, "callId")), ref, fail);
      case "call.hangup", "call.leave" ->
          quietly(media.hangup(userId, socketId, Requests.requiredId(frame, "callId")), ref, fail);
      case "call.join" -> media.join(userId, socketId, Requests.requiredId(frame, "callId")).onComplete(ar -> {
        if (ar.failed()) {
          fail.accept(ref, ar.cause());
        } else {
          write.accept(ar.result().copy().put("type", "call.joined"));
        }
      });
      case "call.signal" -> {
        long callId = Requests.requiredId(frame, "callId");
        long toUserId = Requests.requiredId(frame, "toUserId");
        Object signal = frame.getValue("signal");
        if (!(signal instanceof JsonObject object)) {
          throw new ApiException(ApiError.invalid("signal", "must be an object"));
        }
        quietly(media.signal(userId, socketId, callId, toUserId, object), ref, fail);
        // relaying does not put a socket in a call
        return false;
      }
      default -> throw new ApiException(ApiError.invalid("type", "unknown frame type '" + type + "'"));
    }
    return true;
  }

  private static void quietly(Future<Void> outcome, String ref, BiConsumer<String, Throwable> fail) {
    outcome.onFailure(err -> fail.accept(ref, err));
  }

  /** The client's ref, else the call's id: what an error frame refers to. */
  private static String ref(JsonObject frame) {
    Object ref = frame.getValue("ref");
    if (ref instanceof String s) {
      return s;
    }
    Object callId = frame.getValue("callId");
    return callId instanceof Number n ? Long.toString(n.longValue()) : null;
  }
}
