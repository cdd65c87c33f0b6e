package ling.client.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  private final AtomicInteger offers = new AtomicInteger();
  private final TwoPeers peers = new TwoPeers(false, this::count);
  private final MediaSession a = peers.a;
  private final MediaSession b = peers.b;
  private final LocalMedia localA = peers.localA;
  private final LocalMedia localB = peers.localB;

  @AfterEach
  void tearDown() throws Exception {
    peers.close();
  }

  @Test
  @Timeout(60)
  void aVoiceCallSwitchedToVideoByBothSidesAtOnceCarriesVideoBothWays() throws Exception {
    peers.start();
    await(() -> audioFlows(a) && audioFlows(b));
    assertEquals(1, offers.get(), "a voice call needs one offer");
    assertEquals(0, a.receivedFrames() + b.receivedFrames(), "no video in a voice call");

    // both turn their cameras on at the same instant: two offers cross
    a.camera(true);
    b.camera(true);
    await(() -> a.receivedFrames() > 30 && b.receivedFrames() > 30);
    assertTrue(offers.get() >= 3, "each side offered its video: " + offers.get());
    assertTrue(localA.sendingVideo() && localB.sendingVideo());

    // the caller's camera off: its frames stop, the other side's go on
    a.camera(false);
    Thread.sleep(500);
    long stoppedAt = b.receivedFrames();
    long goingOn = a.receivedFrames();
    Thread.sleep(1000);
    assertTrue(b.receivedFrames() - stoppedAt <= 2, "frames after the camera went off: "
        + (b.receivedFrames() - stoppedAt));
    assertTrue(a.receivedFrames() - goingOn >= 15, "the other camera still sends");
    assertTrue(!localA.sendingVideo() && localB.sendingVideo());

    // and on again, without a new offer
    int offersBefore = offers.get();
    a.camera(true);
    await(() -> b.receivedFrames() - stoppedAt > 30);
    assertEquals(offersBefore, offers.get(), "the camera's track was negotiated already");
  }

  @Test
  @Timeout(60)
  void anOfferThatMeetsThePoliteSidesOwnStillBeingMadeIsAnswered() throws Exception {
    peers.start();
    await(() -> audioFlows(a) && audioFlows(b));
    // B's thread held, so that it asks WebRTC for its offer just before it reads A's
    CountDownLatch held = new CountDownLatch(1);
    b.then(() -> {
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    b.camera(true);
    a.camera(true);
    await(() -> offers.get() == 2);
    held.countDown();
    await(() -> a.receivedFrames() > 30 && b.receivedFrames() > 30);
    assertTrue(offers.get() >= 3, "B offered its video after answering A's: " + offers.get());
    assertTrue(localA.sendingVideo() && localB.sendingVideo());
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
