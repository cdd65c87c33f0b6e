package ling.assistant.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  private final List<String> events = new ArrayList<>();

  @Test
  void eventsAreWholeHoweverTheBytesAreCut() {
    String stream = ": keep-alive\r\ndata: {\"a\":\"日本\"}\r\n\r\nevent: x\ndata: one\ndata: two\n\nid: 3\rdata:three\r\r";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    // one byte at a time: lines, CRLF pairs and the characters' bytes all cut
    ServerSentEvents parser = new ServerSentEvents(events::add, 1024);
    for (byte b : bytes) {
      parser.feed(Buffer.buffer(new byte[] {b}));
    }
    assertEquals(List.of("{\"a\":\"日本\"}", "one\ntwo", "three"), events);
  }

  @Test
  void anUnfinishedEventIsDroppedAtTheEnd() {
    ServerSentEvents parser = new ServerSentEvents(events::add, 1024);
    parser.feed(Buffer.buffer("data: done\n\ndata: half"));
    parser.end();
    assertEquals(List.of("done"), events);
  }

  @Test
  void aLineWithoutEndFailsInsteadOfGrowing() {
    ServerSentEvents parser = new ServerSentEvents(events::add, 16);
    BackendFailure failure = assertThrows(BackendFailure.class, () -> parser.feed(Buffer.buffer("data: " + "x".repeat(64))));
    assertEquals(BackendFailure.Kind.MALFORMED, failure.kind());
  }
}
