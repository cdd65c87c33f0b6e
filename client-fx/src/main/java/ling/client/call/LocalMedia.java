package ling.client.call;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.util.function.Consumer;

/**
 * What this client sends in one call: the microphone and, for video, the camera or the moving
 * test pattern. One set of tracks is shared by every peer connection of the call (a group call
 * has one per participant); it is closed after all of them.
 */
final class LocalMedia {

  private final MediaEngine engine;
  private AudioTrackSource audioSource;
  private AudioTrack audioTrack;
  private dev.onvoid.webrtc.media.video.VideoTrackSource videoSource;
  private dev.onvoid.webrtc.media.video.VideoDeviceSource camera;
  private VideoTrack videoTrack;
  private TestPattern pattern;
  private boolean capturing;
  private volatile Consumer<MediaSession.Frame> preview = frame -> { };
  private boolean microphone = true;
  /** Whether the user wants the camera on; the track is made the first time it is. */
  private boolean cameraOn;
  private boolean closed;
  /** The own camera's frames, for the small preview (every third one is enough). */
  private final VideoTrackSink previewSink = new VideoTrackSink() {
    private long count;

    @Override
    public void onVideoFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
      try {
        if (count++ % 3 == 0) {
          preview.accept(MediaSession.convert(frame.buffer));
        }
      } catch (Exception e) {
        // a preview frame less
      } finally {
        frame.release();
      }
    }
  };

  LocalMedia(MediaEngine engine, boolean video) {
    this.engine = engine;
    this.cameraOn = video;
  }

  /** The microphone's track, made on first use. */
  synchronized AudioTrack audio() {
    if (audioTrack == null && !closed) {
      engine.useChosenAudio();
      PeerConnectionFactory factory = engine.factory();
      audioSource = factory.createAudioSource(new AudioOptions());
      audioTrack = factory.createAudioTrack("audio", audioSource);
      audioTrack.setEnabled(microphone);
    }
    return audioTrack;
  }

  /**
   * The camera's track while the camera is wanted, made the first time (a voice call switched to
   * video makes it then); null when the camera is off from the start or there is none.
   */
  synchronized VideoTrack video() {
    if (videoTrack == null && cameraOn && !closed) {
      PeerConnectionFactory factory = engine.factory();
      videoSource = videoSource();
      if (videoSource != null) {
        videoTrack = factory.createVideoTrack("video", videoSource);
        videoTrack.addSink(previewSink);
      }
    }
    return videoTrack;
  }

  /** Whether this client's camera sends now. */
  synchronized boolean sendingVideo() {
    return videoTrack != null && cameraOn && !closed;
  }

  void onPreview(Consumer<MediaSession.Frame> listener) {
    this.preview = listener;
  }

  synchronized void microphone(boolean on) {
    microphone = on;
    if (audioTrack != null && !closed) {
      audioTrack.setEnabled(on);
    }
  }

  /** The camera on or off; off also stops the capture, so the device is free and its light goes out. */
  synchronized void camera(boolean on) {
    if (cameraOn == on || closed) {
      cameraOn = on;
      return;
    }
    cameraOn = on;
    if (videoTrack == null) {
      return;
    }
    videoTrack.setEnabled(on);
    if (pattern != null) {
      pattern.pause(!on);
    }
    if (camera != null && capturing != on) {
      try {
        if (on) {
          camera.start();
        } else {
          camera.stop();
        }
        capturing = on;
      } catch (Error | RuntimeException e) {
        System.getLogger("ling.client").log(System.Logger.Level.WARNING, "camera not switched: " + e);
      }
    }
  }

  /**
   * The camera chosen in the settings (else the first), at 640x480 and 30 frames a second; without
   * one, the moving test pattern when asked for ({@code -Dling.testPattern=true}, as the tests do),
   * else none: the call goes on as voice and the other side shows a placeholder.
   */
  private dev.onvoid.webrtc.media.video.VideoTrackSource videoSource() {
    try {
      var cameras = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureDevices();
      if (!cameras.isEmpty()) {
        String chosen = engine.choice().camera();
        var device = cameras.stream().filter(c -> c.getName().equals(chosen)).findFirst().orElse(cameras.get(0));
        camera = new dev.onvoid.webrtc.media.video.VideoDeviceSource();
        camera.setVideoCaptureDevice(device);
        camera.setVideoCaptureCapability(new dev.onvoid.webrtc.media.video.VideoCaptureCapability(640, 480, 30));
        camera.start();
        capturing = true;
        return camera;
      }
    } catch (Error | RuntimeException noCamera) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "no camera: " + noCamera);
      camera = null;
    }
    if (Boolean.getBoolean("ling.testPattern")) {
      CustomVideoSource synthetic = new CustomVideoSource();
      pattern = new TestPattern(synthetic);
      pattern.start();
      return synthetic;
    }
    return null;
  }

  /** After every peer connection has removed the tracks. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (pattern != null) {
        pattern.stop();
      }
      if (camera != null && capturing) {
        camera.stop();
        capturing = false;
      }
      if (videoTrack != null) {
        videoTrack.removeSink(previewSink);
        videoTrack.dispose();
      }
      if (videoSource instanceof CustomVideoSource synthetic) {
        synthetic.dispose();
      } else if (camera != null) {
        camera.dispose();
      }
      if (audioTrack != null) {
        audioTrack.dispose();
      }
    } catch (Error | RuntimeException e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "call media not closed cleanly", e);
    }
  }
}
