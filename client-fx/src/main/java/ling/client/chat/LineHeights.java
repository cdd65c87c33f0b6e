package ling.client.chat;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How tall the list's measuring cell found each line of the open chat. The list forgets every
 * line's height whenever lines come in and measures them all again, two a frame: after scrolling
 * back through thousands of lines that went on for a minute, each line built anew with its nodes
 * and style. A line measured before, at the same width and with the same separators above it, is
 * not built again.
 */
final class LineHeights {

  /** One line's measure: the width it was laid out at, what stood above it, and its height. */
  private record Measured(double width, boolean dated, boolean divided, double height) {
  }

  /** By the line itself: a line that changes is a new line, measured anew. */
  private final Map<ChatLine, Measured> heights = new IdentityHashMap<>();
  /** The width the list measured at last: a line measured at another is measured again. */
  private double width = -1;

  /** The line's height as measured before, or -1. */
  double of(ChatLine line, boolean dated, boolean divided) {
    Measured measured = heights.get(line);
    return measured != null && measured.width() == width && measured.dated() == dated
        && measured.divided() == divided ? measured.height() : -1;
  }

  void measured(ChatLine line, double width, boolean dated, boolean divided, double height) {
    this.width = width;
    heights.put(line, new Measured(width, dated, divided, height));
  }

  /** The list measures at this width now: what was measured at another no longer counts. */
  void measuringAt(double width) {
    this.width = width;
  }

  /** Another chat is open: its lines are others. */
  void clear() {
    heights.clear();
    width = -1;
  }

  int size() {
    return heights.size();
  }
}
