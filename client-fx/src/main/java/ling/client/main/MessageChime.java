package ling.client.main;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;

/**
 * The short two-note sound of a new message, made here (nothing shipped), on the default sound
 * output; silent where there is none. A burst of messages sounds once, not once each.
 */
final class MessageChime {

  private static final float RATE = 22_050f;
  private static final long QUIET_MILLIS = 1_500;

  private final AtomicBoolean playing = new AtomicBoolean();
  private final AtomicInteger sounded = new AtomicInteger();
  private volatile long last;

  /** Sounds, unless it did a moment ago. */
  void sound() {
    long now = System.currentTimeMillis();
    if (now - last < QUIET_MILLIS || !playing.compareAndSet(false, true)) {
      return;
    }
    last = now;
    sounded.incrementAndGet();
    Thread player = new Thread(() -> {
      try {
        play();
      } finally {
        playing.set(false);
      }
    }, "ling-chime");
    player.setDaemon(true);
    player.start();
  }

  /** How many times it has sounded (or would have, without a sound output). */
  int sounded() {
    return sounded.get();
  }

  private static void play() {
    AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
    try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
      line.open(format);
      line.start();
      byte[] first = note(880, 0.09);
      byte[] second = note(1320, 0.14);
      line.write(first, 0, first.length);
      line.write(second, 0, second.length);
      line.drain();
    } catch (Exception | LinkageError noSound) {
      // no sound device: the list's badge tells of the message
    }
  }

  private static byte[] note(double hertz, double seconds) {
    int samples = (int) (RATE * seconds);
    byte[] out = new byte[samples * 2];
    for (int i = 0; i < samples; i++) {
      double fade = Math.min(1, Math.min(i, samples - i) / (RATE * 0.01));
      short value = (short) (fade * 7000 * Math.sin(2 * Math.PI * hertz * i / RATE));
      out[2 * i] = (byte) value;
      out[2 * i + 1] = (byte) (value >> 8);
    }
    return out;
  }
}
