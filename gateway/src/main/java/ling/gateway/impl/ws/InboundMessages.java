package ling.gateway.impl.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A socket's data frames made into messages: fragments joined up to the size limit (past it the
 * message is dropped and said to be too large, rather than the connection cut), and text decoded
 * strictly as UTF-8 (invalid bytes close the socket with 1007 rather than becoming U+FFFD).
 * Control frames are the WebSocket's own business. Used from the socket's event loop only.
 */
final class InboundMessages {

  /** Where whole messages go. */
  interface Sink {
    void text(String text);

    void binary();

    void tooLarge();

    void invalidText();
  }

  private final int maxBytes;
  private final Sink sink;
  private Buffer partial;
  private boolean partialIsText;
  private boolean dropping;

  InboundMessages(int maxBytes, Sink sink) {
    this.maxBytes = maxBytes;
    this.sink = sink;
  }

  void accept(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      if (frame.isFinal()) {
        deliver(frame.isText(), frame.binaryData());
        return;
      }
      partialIsText = frame.isText();
      partial = Buffer.buffer().appendBuffer(frame.binaryData());
      dropping = false;
      checkSize();
    } else if (frame.isContinuation()) {
      if (!dropping && partial != null) {
        partial.appendBuffer(frame.binaryData());
        checkSize();
      }
      if (frame.isFinal()) {
        Buffer whole = partial;
        partial = null;
        if (!dropping && whole != null) {
          deliver(partialIsText, whole);
        }
        dropping = false;
      }
    }
  }

  private void checkSize() {
    if (partial != null && partial.length() > maxBytes) {
      partial = null;
      dropping = true;
      sink.tooLarge();
    }
  }

  private void deliver(boolean text, Buffer data) {
    if (!text) {
      sink.binary();
      return;
    }
    try {
      sink.text(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data.getBytes()))
          .toString());
    } catch (CharacterCodingException e) {
      sink.invalidText();
    }
  }
}
