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
  private final boolean video;
  private AudioTrackSource audioSource;
  private AudioTrack audioTrack;
  private dev.onvoid.webrtc.media.video.VideoTrackSource videoSource;
  private dev.onvoid.webrtc.media.video.VideoDeviceSource camera;
  private VideoTrack videoTrack;
  private TestPattern pattern;
  private volatile Consumer<MediaSession.Frame> preview = frame -> { };
  private boolean microphone = true;
  private boolean cameraOn = true;
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
    this.video = video;
  }

  /** The tracks, made on first use. */
  synchronized AudioTrack audio() {
    open();
    return audioTrack;
  }

  synchronized VideoTrack video() {
    open();
    return videoTrack;
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

  synchronized void camera(boolean on) {
    cameraOn = on;
    if (videoTrack != null && !closed) {
      videoTrack.setEnabled(on);
    }
  }

  /**
   * The first camera, at 640x480 and 30 frames a second; without one, the moving test pattern
   * when asked for ({@code -Dling.testPattern=true}, as the tests do), else none: the call goes on
   * as voice and the other side shows a placeholder.
   */
  private dev.onvoid.webrtc.media.video.VideoTrackSource videoSource() {
    try {
      var cameras = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureDevices();
      if (!cameras.isEmpty()) {
        camera = new dev.onvoid.webrtc.media.video.VideoDeviceSource();
        camera.setVideoCaptureDevice(cameras.get(0));
        camera.setVideoCaptureCapability(new dev.onvoid.webrtc.media.video.VideoCaptureCapability(640, 480, 30));
        camera.start();
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
      if (camera != null) {
        camera.stop();
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

  private void open() {
    if (audioTrack != null || closed) {
      return;
    }
    PeerConnectionFactory factory = engine.factory();
    audioSource = factory.createAudioSource(new AudioOptions());
    audioTrack = factory.createAudioTrack("audio", audioSource);
    audioTrack.setEnabled(microphone);
    if (video) {
      videoSource = videoSource();
      if (videoSource != null) {
        videoTrack = factory.createVideoTrack("video", videoSource);
        videoTrack.addSink(previewSink);
        videoTrack.setEnabled(cameraOn);
      }
    }
  }
}
