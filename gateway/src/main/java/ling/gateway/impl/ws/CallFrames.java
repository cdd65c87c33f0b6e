package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import ling.api.media.CallSignal;
import ling.api.media.MediaSignalingService;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.Requests;

/**
 * The {@code call.*} frames of a socket: shape checked here, state kept by the media signaling
 * service, which hears the socket's id so that a call stays on the device that took it. A socket's
 * call frames reach the service one after another, in the order they came: a description, the
 * candidates after it and a change of media must reach the peer in the order they were sent.
 */
final class CallFrames {

  /** One socket's call frames still on their way to the service; each goes after the one before. */
  static final class InOrder {
    private Future<?> last = Future.succeededFuture();

    <T> Future<T> then(java.util.function.Supplier<Future<T>> next) {
      Future<T> result = last.transform(x -> next.get());
      last = result;
      return result;
    }
  }

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
  boolean handle(long userId, String socketId, String type, JsonObject frame, InOrder order,
                 Consumer<JsonObject> write, BiConsumer<String, Throwable> fail) {
    String ref = ref(frame);
    switch (type) {
      case "call.invite" -> {
        long conversationId = Requests.requiredId(frame, "conversationId");
        String mediaKind = Requests.requiredString(frame, "media");
        order.then(() -> media.invite(userId, socketId, conversationId, mediaKind)).onComplete(ar -> {
          if (ar.failed()) {
            fail.accept(ref, ar.cause());
          } else if (ar.result().joinedExisting()) {
            // the group had a call already: the inviter is in it now
            write.accept(ar.result().toJson().put("type", "call.joined"));
          } else {
            write.accept(new JsonObject().put("type", "call.ringing").put("callId", ar.result().getCallId())
                .put("conversationId", conversationId).put("group", ar.result().isGroup()));
          }
        });
        return true;
      }
      case "call.accept" -> {
        long callId = Requests.requiredId(frame, "callId");
        quietly(order.then(() -> media.accept(userId, socketId, callId)), ref, fail);
      }
      case "call.reject" -> {
        long callId = Requests.requiredId(frame, "callId");
        quietly(order.then(() -> media.reject(userId, socketId, callId)), ref, fail);
      }
      case "call.hangup", "call.leave" -> {
        long callId = Requests.requiredId(frame, "callId");
        quietly(order.then(() -> media.hangup(userId, socketId, callId)), ref, fail);
      }
      case "call.join" -> {
        long callId = Requests.requiredId(frame, "callId");
        order.then(() -> media.join(userId, socketId, callId)).onComplete(ar -> {
          if (ar.failed()) {
            fail.accept(ref, ar.cause());
          } else {
            write.accept(ar.result().toJson().put("type", "call.joined"));
          }
        });
      }
      case "call.signal" -> {
        long callId = Requests.requiredId(frame, "callId");
        long toUserId = Requests.requiredId(frame, "toUserId");
        Object signal = frame.getValue("signal");
        if (!(signal instanceof JsonObject object)) {
          throw new ApiException(ApiError.invalid("signal", "must be an object"));
        }
        CallSignal payload = new CallSignal(object);
        quietly(order.then(() -> media.signal(userId, socketId, callId, toUserId, payload)), ref, fail);
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
