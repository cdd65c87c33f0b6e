package ling.client.call;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady tone as the microphone, for machines without one (or tests): 440 Hz at a speaking
 * level, 48 kHz mono in 10 ms frames, the size WebRTC takes audio in.
 */
final class TestTone {

  private static final int RATE = 48_000;
  private static final int FRAMES = RATE / 100;
  private static final double AMPLITUDE = 8_000;

  private final CustomAudioSource source;
  private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "ling-test-tone");
    thread.setDaemon(true);
    return thread;
  });
  private long sample;

  TestTone(CustomAudioSource source) {
    this.source = source;
  }

  void start() {
    pump.scheduleAtFixedRate(this::push, 0, 10, TimeUnit.MILLISECONDS);
  }

  void stop() {
    pump.shutdownNow();
    try {
      pump.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void push() {
    byte[] pcm = new byte[FRAMES * 2];
    for (int i = 0; i < FRAMES; i++) {
      short value = (short) (AMPLITUDE * Math.sin(2 * Math.PI * 440 * sample++ / RATE));
      // 16-bit samples in the machine's order (little-endian here, as on every platform the client ships for)
      pcm[2 * i] = (byte) value;
      pcm[2 * i + 1] = (byte) (value >> 8);
    }
    try {
      source.pushAudio(pcm, 16, RATE, 1, FRAMES);
    } catch (Error | RuntimeException e) {
      // the source went with the call
      pump.shutdown();
    }
  }
}
