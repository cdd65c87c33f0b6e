package ling.client.call;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A moving test pattern as the camera, where there is no camera (or for tests): colour bars with a
 * bright block that crosses the picture, 640x480 at 30 frames a second.
 */
final class TestPattern {

  static final int WIDTH = 640;
  static final int HEIGHT = 480;
  private static final int[][] BARS = {{235, 128, 128}, {210, 16, 146}, {170, 166, 16}, {145, 54, 34},
      {106, 202, 222}, {81, 90, 240}, {41, 240, 110}, {16, 128, 128}};

  private final CustomVideoSource source;
  private final ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "ling-test-pattern");
    thread.setDaemon(true);
    return thread;
  });
  private long frame;
  private volatile boolean paused;

  TestPattern(CustomVideoSource source) {
    this.source = source;
  }

  void start() {
    pump.scheduleAtFixedRate(this::push, 0, 33, TimeUnit.MILLISECONDS);
  }

  /** Stops sending frames for a while (the camera turned off), or sends them again. */
  void pause(boolean pause) {
    paused = pause;
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
    if (paused) {
      return;
    }
    NativeI420Buffer buffer = NativeI420Buffer.allocate(WIDTH, HEIGHT);
    int block = (int) (frame++ * 8 % WIDTH);
    fill(buffer.getDataY(), buffer.getStrideY(), WIDTH, HEIGHT, 0, block);
    fill(buffer.getDataU(), buffer.getStrideU(), WIDTH / 2, HEIGHT / 2, 1, block / 2);
    fill(buffer.getDataV(), buffer.getStrideV(), WIDTH / 2, HEIGHT / 2, 2, block / 2);
    VideoFrame videoFrame = new VideoFrame(buffer, System.nanoTime());
    try {
      source.pushFrame(videoFrame);
    } finally {
      videoFrame.release();
    }
  }

  private static void fill(ByteBuffer plane, int stride, int width, int height, int component, int block) {
    int blockWidth = width / 8;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int value = BARS[Math.min(7, x * 8 / width)][component];
        if (x >= block && x < block + blockWidth && y > height / 3 && y < height * 2 / 3) {
          value = component == 0 ? 250 : 128;
        }
        plane.put(y * stride + x, (byte) value);
      }
    }
  }
}
