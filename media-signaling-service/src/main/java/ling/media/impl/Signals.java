package ling.media.impl;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import ling.api.Failures;
import ling.api.media.CallSignal;

/**
 * The shape of a {@code call.signal} payload: an SDP description, an ICE candidate, or what the
 * sender now sends ({@code media}: whether the call is a video call for it, and whether its camera
 * is on), nothing else. Only the known fields are relayed, so a peer never receives what the
 * contract does not define.
 */
final class Signals {

  private static final Set<String> SDP_TYPES = Set.of("offer", "answer", "pranswer", "rollback");
  private static final int MID_MAX = 64;
  private static final int LINE_INDEX_MAX = 1024;

  private Signals() {
  }

  static CallSignal clean(CallSignal given, int maxBytes) {
    if (given == null) {
      throw Failures.invalid("signal", "is required");
    }
    JsonObject signal = given.toJson();
    JsonObject sdp = object(signal, "sdp");
    JsonObject candidate = object(signal, "candidate");
    JsonObject media = object(signal, "media");
    int kinds = (sdp == null ? 0 : 1) + (candidate == null ? 0 : 1) + (media == null ? 0 : 1);
    if (kinds != 1 || signal.size() != 1) {
      throw Failures.invalid("signal", "must hold exactly one of sdp, candidate and media");
    }
    CallSignal clean;
    if (media != null) {
      clean = CallSignal.media(flag(media, "video"), flag(media, "camera"));
    } else if (sdp != null) {
      String type = string(sdp, "signal.sdp.type", true);
      if (!SDP_TYPES.contains(type)) {
        throw Failures.invalid("signal.sdp.type", "must be offer, answer, pranswer or rollback");
      }
      String text = string(sdp, "signal.sdp.sdp", !"rollback".equals(type));
      clean = CallSignal.sdp(type, text == null ? "" : text);
    } else {
      // an empty candidate string is the end of candidates
      String line = string(candidate, "signal.candidate.candidate", true);
      String mid = string(candidate, "signal.candidate.sdpMid", false);
      if (mid != null && mid.length() > MID_MAX) {
        throw Failures.invalid("signal.candidate.sdpMid", "must be at most " + MID_MAX + " characters");
      }
      Object index = candidate.getValue("sdpMLineIndex");
      if (index != null && !(index instanceof Integer i && i >= 0 && i <= LINE_INDEX_MAX)) {
        throw Failures.invalid("signal.candidate.sdpMLineIndex", "must be a small non-negative integer");
      }
      if (mid == null && index == null) {
        throw Failures.invalid("signal.candidate", "needs sdpMid or sdpMLineIndex");
      }
      clean = CallSignal.candidate(line, mid, (Integer) index);
    }
    if (clean.toJson().encode().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw Failures.of(Failures.TOO_LARGE, "signal: must be at most " + maxBytes + " bytes");
    }
    return clean;
  }

  private static JsonObject object(JsonObject parent, String field) {
    Object value = parent.getValue(field);
    if (value != null && !(value instanceof JsonObject)) {
      throw Failures.invalid("signal." + field, "must be an object");
    }
    return (JsonObject) value;
  }

  private static boolean flag(JsonObject media, String field) {
    if (!(media.getValue(field) instanceof Boolean value)) {
      throw Failures.invalid("signal.media." + field, "must be true or false");
    }
    return value;
  }

  private static String string(JsonObject parent, String path, boolean required) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    Object value = parent.getValue(field);
    if (value == null) {
      if (required) {
        throw Failures.invalid(path, "is required");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw Failures.invalid(path, "must be a string");
    }
    if (text.chars().anyMatch(c -> c == 0)) {
      throw Failures.invalid(path, "must not hold NUL characters");
    }
    return text;
  }
}
