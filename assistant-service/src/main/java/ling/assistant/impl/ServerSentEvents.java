package ling.assistant.impl;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} as its chunks arrive: lines end at LF, CRLF or CR, however the
 * chunks cut them (a character's bytes too); an event's {@code data:} lines are joined with LF and
 * handed on at the blank line that ends it. Comments and other fields are skipped. A line longer
 * than the limit fails the stream instead of growing without end.
 */
final class ServerSentEvents {

  private final Consumer<String> onData;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private boolean lastWasCr;

  ServerSentEvents(Consumer<String> onData, int maxLineBytes) {
    this.onData = onData;
    this.maxLineBytes = maxLineBytes;
  }

  void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    for (byte b : bytes) {
      if (b == '\n' && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = b == '\r';
      if (b == '\n' || b == '\r') {
        endLine();
      } else {
        if (line.size() >= maxLineBytes) {
          throw new BackendFailure(BackendFailure.Kind.MALFORMED, "an event-stream line longer than " + maxLineBytes + " bytes");
        }
        line.write(b);
      }
    }
  }

  /** The stream ended: an event not closed by a blank line is dropped, as the format says. */
  void end() {
    line.reset();
    data.setLength(0);
    hasData = false;
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      if (hasData) {
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        onData.accept(event);
      }
      return;
    }
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    if (!field.equals("data")) {
      return;
    }
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (hasData) {
      data.append('\n');
    }
    data.append(value);
    hasData = true;
  }
}
