package ling.client.call;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two peers of a video call in one process, connected through an in-memory signaling channel,
 * then torn down the way the client does; main returns normally, and the process must end by
 * itself (without {@code System.exit}). Prints the frames each side received.
 */
public final class TeardownMain {

  private TeardownMain() {
  }

  public static void main(String[] args) throws Exception {
    MediaEngine engineA = new MediaEngine(() -> MediaChoice.DEFAULTS);
    MediaEngine engineB = new MediaEngine(() -> MediaChoice.DEFAULTS);
    LocalMedia localA = new LocalMedia(engineA, true);
    LocalMedia localB = new LocalMedia(engineB, true);
    AtomicReference<MediaSession> a = new AtomicReference<>();
    AtomicReference<MediaSession> b = new AtomicReference<>();
    a.set(new MediaSession(engineA, localA, signal -> b.get().signal(signal), frame -> { }, state -> { }, false));
    b.set(new MediaSession(engineB, localB, signal -> a.get().signal(signal), frame -> { }, state -> { }, true));
    b.get().start(CompletableFuture.completedFuture(List.of()), false);
    a.get().start(CompletableFuture.completedFuture(List.of()), true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while ((a.get().receivedFrames() < 30 || b.get().receivedFrames() < 30) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    System.out.println("frames " + a.get().receivedFrames() + " " + b.get().receivedFrames());
    a.get().close().get(5, TimeUnit.SECONDS);
    b.get().close().get(5, TimeUnit.SECONDS);
    localA.close();
    localB.close();
    engineA.dispose();
    engineB.dispose();
  }
}
