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

  private final java.util.function.Supplier<MediaChoice> choice;
  private AudioDeviceModuleBase audio;
  private PeerConnectionFactory factory;
  private String speaker = "";
  private ToneLoop tone;

  MediaEngine(java.util.function.Supplier<MediaChoice> choice) {
    this.choice = choice;
  }

  MediaChoice choice() {
    return choice.get();
  }

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
      if (Boolean.getBoolean("ling.testTone") && !(audio instanceof AudioDeviceModule)) {
        try {
          tone = new ToneLoop(factory);
        } catch (Exception | Error e) {
          System.getLogger("ling.client").log(System.Logger.Level.WARNING, "no test tone: " + e);
        }
      }
    }
    return factory;
  }

  /**
   * Before a call: the microphone and speaker chosen in the settings, where they exist (an unknown
   * name keeps the default). The speaker is switched between calls only, with playout restarted.
   */
  synchronized void useChosenAudio() {
    factory();
    MediaChoice wanted = choice.get();
    try {
      named(audio.getRecordingDevices(), wanted.microphone()).ifPresent(audio::setRecordingDevice);
      var output = named(audio.getPlayoutDevices(), wanted.speaker());
      if (output.isPresent() && !wanted.speaker().equals(speaker)) {
        audio.stopPlayout();
        audio.setPlayoutDevice(output.get());
        audio.initPlayout();
        audio.startPlayout();
        speaker = wanted.speaker();
      }
    } catch (Error | RuntimeException e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "chosen audio device not used: " + e);
    }
  }

  /**
   * The cameras, microphones and speakers there are. The audio ones come from the audio module (a
   * system query without a sound server would never return); may take a moment, so not on the FX
   * thread.
   */
  synchronized MediaChoice.Devices devices() {
    factory();
    java.util.List<String> cameras;
    try {
      cameras = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureDevices().stream()
          .map(dev.onvoid.webrtc.media.Device::getName).toList();
    } catch (Error | RuntimeException e) {
      cameras = java.util.List.of();
    }
    return new MediaChoice.Devices(cameras, names(audio::getRecordingDevices), names(audio::getPlayoutDevices));
  }

  private static java.util.List<String> names(
      java.util.function.Supplier<java.util.List<dev.onvoid.webrtc.media.audio.AudioDevice>> devices) {
    try {
      return devices.get().stream().map(dev.onvoid.webrtc.media.Device::getName).distinct().toList();
    } catch (Error | RuntimeException e) {
      return java.util.List.of();
    }
  }

  private static java.util.Optional<dev.onvoid.webrtc.media.audio.AudioDevice> named(
      java.util.List<dev.onvoid.webrtc.media.audio.AudioDevice> devices, String name) {
    if (name == null || name.isEmpty()) {
      return java.util.Optional.empty();
    }
    return devices.stream().filter(d -> d.getName().equals(name)).findFirst();
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
    if (tone != null) {
      tone.close();
      tone = null;
    }
    factory.dispose();
    audio.dispose();
    factory = null;
    audio = null;
    speaker = "";
  }
}
