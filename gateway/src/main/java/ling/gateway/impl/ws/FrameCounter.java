package ling.gateway.impl.ws;

/**
 * Frames counted by the second, for the frame rates: a window opens with the first frame a second
 * or more after the current one opened.
 */
final class FrameCounter {

  private long windowStart;
  private int frames;

  FrameCounter(long windowStart) {
    this.windowStart = windowStart;
  }

  /** Counts a frame heard at {@code now}: the frames in its window, this one included. */
  int count(long now) {
    if (now - windowStart >= 1_000) {
      windowStart = now;
      frames = 0;
    }
    return ++frames;
  }
}
