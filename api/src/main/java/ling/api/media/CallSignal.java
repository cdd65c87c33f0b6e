package ling.api.media;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * The payload of a {@code call.signal}: exactly one of an SDP description
 * {@code {"sdp": {type, sdp}}}, an ICE candidate {@code {"candidate": {candidate, sdpMid, sdpMLineIndex}}}
 * or what the sender now sends {@code {"media": {video, camera}}}.
 *
 * <p>From a client it travels whole, as it was sent, and is not read field by field on the way:
 * the media signaling service checks it and names what is wrong (an unknown field, a value of the
 * wrong type) as it always has, which a typed copy that dropped such fields could not. What it
 * relays is built by the factories below from the checked fields only. Hence no generated converter.
 */
@DataObject
public class CallSignal {

  private final JsonObject payload;

  public CallSignal() {
    this(new JsonObject());
  }

  public CallSignal(JsonObject json) {
    this.payload = json == null ? new JsonObject() : json;
  }

  public static CallSignal sdp(String type, String sdp) {
    return new CallSignal(new JsonObject().put("sdp", new JsonObject().put("type", type).put("sdp", sdp)));
  }

  /** {@code sdpMid} and {@code sdpMLineIndex} may be null (one of them is not), and are relayed as null then. */
  public static CallSignal candidate(String candidate, String sdpMid, Integer sdpMLineIndex) {
    return new CallSignal(new JsonObject().put("candidate", new JsonObject().put("candidate", candidate)
        .put("sdpMid", sdpMid).put("sdpMLineIndex", sdpMLineIndex)));
  }

  public static CallSignal media(boolean video, boolean camera) {
    return new CallSignal(new JsonObject().put("media", new JsonObject().put("video", video).put("camera", camera)));
  }

  public JsonObject toJson() {
    return payload.copy();
  }
}
