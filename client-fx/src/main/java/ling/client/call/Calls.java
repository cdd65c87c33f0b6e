package ling.client.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import ling.client.api.Wire;
import ling.client.chat.ChatModel;

/**
 * The client's side of the call signaling: one call at a time, driven by the {@code call.*}
 * frames. A second incoming call while one is going on is left to ring out (the server answers
 * such callers "busy" already).
 */
public final class Calls {

  private final ChatModel.FrameSender frames;
  private final ObjectProperty<CallModel> current = new SimpleObjectProperty<>();
  private Consumer<CallModel> onIncoming = call -> { };

  public Calls(ChatModel.FrameSender frames) {
    this.frames = frames;
  }

  public ObjectProperty<CallModel> currentProperty() {
    return current;
  }

  /** Called with each call that starts ringing here. */
  public void onIncoming(Consumer<CallModel> listener) {
    this.onIncoming = listener;
  }

  /** Calls the peer of a direct conversation; null when a call is going on already. */
  public CallModel start(long conversationId, long peerId, String media) {
    if (busy()) {
      return null;
    }
    CallModel call = new CallModel(conversationId, peerId, media, false);
    current.set(call);
    if (!frames.send(Wire.object().put("type", "call.invite").put("conversationId", conversationId)
        .put("media", media))) {
      call.end("failed");
    }
    return call;
  }

  public void accept(CallModel call) {
    send("call.accept", call);
  }

  public void reject(CallModel call) {
    send("call.reject", call);
    call.end("rejected");
  }

  public void hangup(CallModel call) {
    if (call.callIdProperty().get() != 0) {
      send("call.hangup", call);
    }
    call.end(call.stateProperty().get() == CallModel.State.CALLING ? "cancelled" : "hangup");
  }

  /** A {@code call.*} frame, or an error about one; true when it was one. */
  public boolean handle(String type, JsonNode frame) {
    CallModel call = current.get();
    long callId = frame.path("callId").asLong();
    switch (type) {
      case "call.ringing" -> {
        if (call != null && !call.incoming() && call.callIdProperty().get() == 0) {
          call.callIdProperty().set(callId);
        }
      }
      case "call.incoming" -> {
        if (busy() || frame.path("group").asBoolean()) {
          return true;
        }
        CallModel incoming = new CallModel(frame.path("conversationId").asLong(), frame.path("from").asLong(),
            frame.path("media").asText("audio"), true);
        incoming.callIdProperty().set(callId);
        current.set(incoming);
        onIncoming.accept(incoming);
      }
      case "call.accepted" -> {
        if (matches(call, callId)) {
          call.connected();
        }
      }
      case "call.rejected" -> {
        if (matches(call, callId)) {
          call.end("rejected");
        }
      }
      case "call.ended" -> {
        if (matches(call, callId)) {
          call.end(frame.path("reason").asText("hangup"));
        }
      }
      case "call.signal" -> {
        // the media's offers, answers and candidates: for the peer connection
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** An error frame: the invite refused (busy, offline) or a frame about the call refused. */
  public boolean refused(JsonNode frame) {
    CallModel call = current.get();
    if (call == null || call.ended()) {
      return false;
    }
    String ref = frame.path("ref").asText("");
    String code = frame.path("error").path("code").asText("");
    boolean aboutInvite = call.callIdProperty().get() == 0 && !call.incoming();
    boolean aboutCall = ref.equals(Long.toString(call.callIdProperty().get()));
    if (!aboutInvite && !aboutCall) {
      return false;
    }
    call.end(switch (code) {
      case "busy", "offline", "answered_elsewhere", "call_ended" -> code;
      default -> "failed";
    });
    return true;
  }

  private boolean busy() {
    return current.get() != null && !current.get().ended();
  }

  private static boolean matches(CallModel call, long callId) {
    return call != null && call.callIdProperty().get() == callId;
  }

  private void send(String type, CallModel call) {
    frames.send(Wire.object().put("type", type).put("callId", call.callIdProperty().get()));
  }
}
