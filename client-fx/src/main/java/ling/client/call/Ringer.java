package ling.client.call;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;

/**
 * The ring of an incoming call: a two-tone pattern made here (nothing shipped), on the default
 * sound output; where there is none it stays silent.
 */
final class Ringer {

  private static final float RATE = 16_000f;
  private volatile boolean ringing;
  private Thread thread;

  void start() {
    if (ringing) {
      return;
    }
    ringing = true;
    thread = new Thread(this::ring, "ling-ring");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    ringing = false;
  }

  private void ring() {
    AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
    try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
      line.open(format);
      line.start();
      byte[] burst = tone(0.4);
      byte[] pause = new byte[(int) (RATE * 2 * 0.6)];
      while (ringing) {
        line.write(burst, 0, burst.length);
        line.write(pause, 0, pause.length);
      }
      line.drain();
    } catch (Exception | LinkageError noSound) {
      // no sound device: the window alone tells of the call
    }
  }

  private static byte[] tone(double seconds) {
    int samples = (int) (RATE * seconds);
    byte[] out = new byte[samples * 2];
    for (int i = 0; i < samples; i++) {
      double t = i / RATE;
      double envelope = Math.min(1, Math.min(i, samples - i) / (RATE * 0.02));
      short value = (short) (envelope * 6000 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)));
      out[2 * i] = (byte) value;
      out[2 * i + 1] = (byte) (value >> 8);
    }
    return out;
  }
}
