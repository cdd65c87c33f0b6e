package ling.client.call;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The client's WebRTC factory, made on the first call: the real microphone and speaker when a
 * sound server runs, else a headless audio module (no crash where there is no sound). It lives
 * until the client closes, and must be disposed of then, or the JVM does not exit.
 */
final class MediaEngine {

  private AudioDeviceModuleBase audio;
  private PeerConnectionFactory factory;

  synchronized PeerConnectionFactory factory() {
    if (factory == null) {
      // the native audio set-up is not safe from two threads at once (two clients in one JVM)
      synchronized (MediaEngine.class) {
        audio = soundServer() ? realAudio() : new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audio);
      }
      try {
        // remote audio is pulled only while playout runs
        audio.initPlayout();
        audio.startPlayout();
      } catch (Error | RuntimeException noSpeaker) {
        System.getLogger("ling.client").log(System.Logger.Level.WARNING, "no sound output: " + noSpeaker.getMessage());
      }
    }
    return factory;
  }

  private static AudioDeviceModuleBase realAudio() {
    try {
      return new AudioDeviceModule();
    } catch (Error | RuntimeException noSoundServer) {
      return new HeadlessAudioDeviceModule();
    }
  }

  /**
   * Whether a PulseAudio (or PipeWire's pulse) server answers here: the real audio module is tried
   * only then, since its set-up without one can bring the process down. {@code -Dling.headlessAudio=true}
   * skips it.
   */
  static boolean soundServer() {
    if (Boolean.getBoolean("ling.headlessAudio")) {
      return false;
    }
    String server = System.getenv("PULSE_SERVER");
    if (server != null && !server.isBlank()) {
      return true;
    }
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    return runtime != null && java.nio.file.Files.exists(java.nio.file.Path.of(runtime, "pulse", "native"));
  }

  /** The factory, then the audio module: the order that lets the JVM exit. */
  synchronized void dispose() {
    if (factory == null) {
      return;
    }
    try {
      audio.stopPlayout();
    } catch (Error | RuntimeException ignored) {
      // it was not playing
    }
    factory.dispose();
    audio.dispose();
    factory = null;
    audio = null;
  }
}
