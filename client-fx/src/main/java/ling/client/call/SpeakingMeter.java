package ling.client.call;

import java.util.HashMap;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Who is speaking in a group call: four times a second, the audio level WebRTC measured on each
 * connection (what comes from that participant, and what this side sends). A level above the
 * threshold marks its speaker, who stays marked a little after, so that the pauses between words
 * do not make the mark flicker. Runs on the FX thread, as the call's state does.
 */
final class SpeakingMeter {

  /** About -34 dBov: a voice, not the hum of a quiet room (WebRTC's level is linear in amplitude). */
  static final double SPEAKING_LEVEL = 0.02;
  private static final long HOLD_MILLIS = 800;
  private static final long SELF = 0;

  private final GroupCall call;
  private final Timeline timer;
  /** When each was last heard above the threshold; the user's own voice under {@link #SELF}. */
  private final Map<Long, Long> lastHeard = new HashMap<>();

  SpeakingMeter(GroupCall call) {
    this.call = call;
    this.timer = new Timeline(new KeyFrame(Duration.millis(250), e -> measure()));
    timer.setCycleCount(Timeline.INDEFINITE);
  }

  void start() {
    Platform.runLater(timer::play);
  }

  void stop() {
    Platform.runLater(() -> {
      timer.stop();
      call.speaking().clear();
      call.selfSpeakingProperty().set(false);
    });
  }

  private void measure() {
    call.sessions.forEach((userId, session) -> session.audioLevels().thenAccept(levels -> Platform.runLater(() -> {
      long now = System.currentTimeMillis();
      if (levels.received() >= SPEAKING_LEVEL) {
        lastHeard.put(userId, now);
      }
      if (levels.sent() >= SPEAKING_LEVEL && call.microphoneOnProperty().get()) {
        lastHeard.put(SELF, now);
      }
    })));
    long now = System.currentTimeMillis();
    lastHeard.keySet().removeIf(id -> id != SELF && !call.sessions.containsKey(id));
    for (Long userId : call.participants()) {
      boolean speaking = now - lastHeard.getOrDefault(userId, 0L) < HOLD_MILLIS;
      if (speaking) {
        call.speaking().add(userId);
      } else {
        call.speaking().remove(userId);
      }
    }
    call.speaking().retainAll(call.participants());
    call.selfSpeakingProperty().set(call.microphoneOnProperty().get()
        && now - lastHeard.getOrDefault(SELF, 0L) < HOLD_MILLIS);
  }
}
