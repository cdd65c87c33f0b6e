package ling.client.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two peers of a call in one process, each with its own WebRTC factory, their signals handed
 * straight to each other (each seen by {@code onSignal} on the way); closed the way the client
 * closes a call and then itself.
 */
final class TwoPeers implements AutoCloseable {

  final MediaEngine engineA = new MediaEngine(() -> MediaChoice.DEFAULTS);
  final MediaEngine engineB = new MediaEngine(() -> MediaChoice.DEFAULTS);
  final LocalMedia localA;
  final LocalMedia localB;
  final MediaSession a;
  final MediaSession b;

  /** A offers (the caller), B answers and is the polite one. */
  TwoPeers(boolean video, Consumer<ObjectNode> onSignal) {
    localA = new LocalMedia(engineA, video);
    localB = new LocalMedia(engineB, video);
    MediaSession[] sessions = new MediaSession[2];
    a = new MediaSession(engineA, localA, signal -> {
      onSignal.accept(signal);
      sessions[1].signal(signal);
    }, frame -> { }, state -> { }, false);
    b = new MediaSession(engineB, localB, signal -> {
      onSignal.accept(signal);
      sessions[0].signal(signal);
    }, frame -> { }, state -> { }, true);
    sessions[0] = a;
    sessions[1] = b;
  }

  void start() {
    b.start(CompletableFuture.completedFuture(List.of()), false);
    a.start(CompletableFuture.completedFuture(List.of()), true);
  }

  @Override
  public void close() throws Exception {
    a.close().get(5, TimeUnit.SECONDS);
    b.close().get(5, TimeUnit.SECONDS);
    localA.close();
    localB.close();
    engineA.dispose();
    engineB.dispose();
  }
}
