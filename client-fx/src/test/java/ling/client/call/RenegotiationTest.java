package ling.client.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A voice call between two real peer connections (in-memory signaling) that both sides switch to
 * video at the same instant: the offers cross, the polite side gives way, and video ends up
 * flowing both ways. Turning one camera off then stops its frames.
 */
class RenegotiationTest {

  private final MediaEngine engineA = new MediaEngine(() -> MediaChoice.DEFAULTS);
  private final MediaEngine engineB = new MediaEngine(() -> MediaChoice.DEFAULTS);
  private final LocalMedia localA = new LocalMedia(engineA, false);
  private final LocalMedia localB = new LocalMedia(engineB, false);
  private final AtomicReference<MediaSession> a = new AtomicReference<>();
  private final AtomicReference<MediaSession> b = new AtomicReference<>();
  private final AtomicInteger offers = new AtomicInteger();

  @AfterEach
  void tearDown() throws Exception {
    a.get().close().get(5, TimeUnit.SECONDS);
    b.get().close().get(5, TimeUnit.SECONDS);
    localA.close();
    localB.close();
    engineA.dispose();
    engineB.dispose();
  }

  @Test
  @Timeout(60)
  void aVoiceCallSwitchedToVideoByBothSidesAtOnceCarriesVideoBothWays() throws Exception {
    a.set(new MediaSession(engineA, localA, signal -> {
      count(signal);
      b.get().signal(signal);
    }, frame -> { }, state -> { }, false));
    b.set(new MediaSession(engineB, localB, signal -> {
      count(signal);
      a.get().signal(signal);
    }, frame -> { }, state -> { }, true));
    b.get().start(CompletableFuture.completedFuture(List.of()), false);
    a.get().start(CompletableFuture.completedFuture(List.of()), true);
    await(() -> audioFlows(a.get()) && audioFlows(b.get()));
    assertEquals(1, offers.get(), "a voice call needs one offer");
    assertEquals(0, a.get().receivedFrames() + b.get().receivedFrames(), "no video in a voice call");

    // both turn their cameras on at the same instant: two offers cross
    a.get().camera(true);
    b.get().camera(true);
    await(() -> a.get().receivedFrames() > 30 && b.get().receivedFrames() > 30);
    assertTrue(offers.get() >= 3, "each side offered its video: " + offers.get());
    assertTrue(localA.sendingVideo() && localB.sendingVideo());

    // the caller's camera off: its frames stop, the other side's go on
    a.get().camera(false);
    Thread.sleep(500);
    long stoppedAt = b.get().receivedFrames();
    long goingOn = a.get().receivedFrames();
    Thread.sleep(1000);
    assertTrue(b.get().receivedFrames() - stoppedAt <= 2, "frames after the camera went off: "
        + (b.get().receivedFrames() - stoppedAt));
    assertTrue(a.get().receivedFrames() - goingOn >= 15, "the other camera still sends");
    assertTrue(!localA.sendingVideo() && localB.sendingVideo());

    // and on again, without a new offer
    int offersBefore = offers.get();
    a.get().camera(true);
    await(() -> b.get().receivedFrames() - stoppedAt > 30);
    assertEquals(offersBefore, offers.get(), "the camera's track was negotiated already");
  }

  private void count(com.fasterxml.jackson.databind.node.ObjectNode signal) {
    if ("offer".equals(signal.path("sdp").path("type").asText())) {
      offers.incrementAndGet();
    }
  }

  private static boolean audioFlows(MediaSession session) {
    try {
      return session.audioPacketsReceived().get(5, TimeUnit.SECONDS) > 20;
    } catch (Exception e) {
      return false;
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(50);
    }
  }
}
