package ling.client.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ling.client.api.Models.Message;
import org.junit.jupiter.api.Test;

/** When a line's height as measured before stands in for measuring it again, and when it does not. */
class LineHeightsTest {

  private final LineHeights heights = new LineHeights();

  private static ChatLine line(long seq, String text) {
    return new ChatLine(new Message(seq, 7, seq, 2, "c" + seq, "text", text, null, null, null, null,
        "2026-12-04T08:00:00Z", false), ChatLine.Status.SENT);
  }

  @Test
  void aLineMeasuredAtTheWidthAndWithTheSameSeparatorsIsKnown() {
    ChatLine hello = line(1, "hello");
    assertEquals(-1, heights.of(hello, false, false), "never measured");
    heights.measured(hello, 600, false, false, 58);
    assertEquals(58, heights.of(hello, false, false));
    // a date or the new-messages divider above it makes it another height
    assertEquals(-1, heights.of(hello, true, false));
    assertEquals(-1, heights.of(hello, false, true));
  }

  @Test
  void aLineThatChangedIsAnotherLine() {
    ChatLine sent = line(1, "hello");
    heights.measured(sent, 600, false, false, 58);
    // the same message, recalled or edited, comes as a new line (equal in content or not)
    assertEquals(-1, heights.of(line(1, "hello"), false, false));
    assertEquals(-1, heights.of(new ChatLine(sent.message(), ChatLine.Status.FAILED), false, false));
  }

  @Test
  void measuringAtAnotherWidthForgetsTheLinesMeasuredAtTheOld() {
    ChatLine first = line(1, "a long line that wraps");
    ChatLine second = line(2, "another");
    heights.measured(first, 600, false, false, 80);
    heights.measured(second, 600, false, false, 58);
    heights.measuringAt(300);
    assertEquals(-1, heights.of(first, false, false));
    heights.measured(first, 300, false, false, 120);
    assertEquals(120, heights.of(first, false, false));
    assertEquals(-1, heights.of(second, false, false), "measured at the old width");
    // back at the old width, what was measured there counts again
    heights.measuringAt(600);
    assertEquals(58, heights.of(second, false, false));
  }

  @Test
  void anotherChatStartsWithNothingKnown() {
    ChatLine hello = line(1, "hello");
    heights.measured(hello, 600, false, false, 58);
    heights.clear();
    assertEquals(-1, heights.of(hello, false, false));
    assertEquals(0, heights.size());
  }
}
