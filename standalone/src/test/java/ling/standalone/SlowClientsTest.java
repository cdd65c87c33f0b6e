package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slowloris and connection floods against the gateway itself: one address holds at most its
 * share of connections, a request head that trickles is cut, and everyone else is served.
 */
class SlowClientsTest extends OwnStackTest {

  private static final int CAP = 40;
  private static final int HEAD_SECONDS = 3;
  private static final String PARTIAL_HEAD = "GET /api/v1/health HTTP/1.1\r\nHost: ling\r\n";

  private final List<java.net.Socket> raw = new ArrayList<>();

  @Override
  protected void adjust(JsonObject config) {
    config.getJsonObject("http").put("maxConnectionsPerAddress", CAP).put("requestHeadSeconds", HEAD_SECONDS);
  }

  @AfterEach
  void closeRaw() throws IOException {
    for (java.net.Socket socket : raw) {
      socket.close();
    }
  }

  @Test
  void oneAddressGetsItsCapAndTricklingHeadsAreCutWhileOthersAreServed() throws Exception {
    // the test's client has no connection from 127.0.0.1 open yet: every one counts here
    List<java.net.Socket> flood = new ArrayList<>();
    for (int i = 0; i < CAP + 30; i++) {
      java.net.Socket socket = open("127.0.0.1");
      socket.getOutputStream().write(PARTIAL_HEAD.getBytes(StandardCharsets.US_ASCII));
      flood.add(socket);
    }
    // the 30 over the cap are closed unanswered, as they open
    List<java.net.Socket> admitted = new ArrayList<>();
    for (java.net.Socket socket : flood) {
      socket.setSoTimeout(20);
      if (!readAll(socket).equals("<closed>")) {
        admitted.add(socket);
      }
    }
    assertEquals(CAP, admitted.size(), "connections over the cap are closed as they open");

    // another address is served meanwhile; the flooding one is not
    assertTrue(healthFrom("127.0.0.2").startsWith("HTTP/1.1 200"));
    assertEquals("<closed>", healthFrom("127.0.0.1"));

    // the admitted ones trickle on, a byte at a time, and are answered once their time is up
    try (Trickle trickle = new Trickle(admitted)) {
      for (java.net.Socket socket : admitted) {
        socket.setSoTimeout(6_000);
        String answer = readAll(socket);
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertEquals("request_timeout", new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4))
            .getJsonObject("error").getString("code"));
      }
    }

    // their places are free again
    assertTrue(healthFrom("127.0.0.1").startsWith("HTTP/1.1 200"));
  }

  @Test
  void aConnectionThatSaysNothingIsCutAndTheNextRequestOfAKeptConnectionIsTimedToo() throws Exception {
    java.net.Socket silent = open("127.0.0.1");
    silent.setSoTimeout(6_000);
    assertTrue(readAll(silent).startsWith("HTTP/1.1 408"));

    java.net.Socket kept = open("127.0.0.1");
    kept.setSoTimeout(6_000);
    OutputStream out = kept.getOutputStream();
    out.write((PARTIAL_HEAD + "\r\n").getBytes(StandardCharsets.US_ASCII));
    assertTrue(readResponseHead(kept.getInputStream()).startsWith("HTTP/1.1 200"));
    // idle between requests is keep-alive, not a slow head
    Thread.sleep(HEAD_SECONDS * 1000 + 500);
    out.write("GET /api/v1/health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    try (Trickle trickle = new Trickle(List.of(kept))) {
      assertEquals("<closed>", readAll(kept), "the second head is timed as the first");
    }
  }

  @Test
  void webSocketsOutliveTheHeadDeadline() throws Exception {
    Session ann = api.register("longsocket");
    Socket socket = Socket.connect(stack.vertx, stack.port, ann.bearer());
    sockets.add(socket);
    Thread.sleep(HEAD_SECONDS * 1000 + 500);
    socket.send(new JsonObject().put("type", "ping"));
    assertEquals("pong", socket.next().getString("type"));
  }

  private java.net.Socket open(String from) throws IOException {
    java.net.Socket socket = new java.net.Socket();
    raw.add(socket);
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", stack.port), 2_000);
    return socket;
  }

  /** Sends the sockets one more byte of their head every 250 ms, for at most 10 s. */
  private static final class Trickle implements AutoCloseable {
    private final Thread thread;

    Trickle(List<java.net.Socket> sockets) {
      thread = new Thread(() -> {
        for (int round = 0; round < 40; round++) {
          for (java.net.Socket socket : sockets) {
            try {
              socket.getOutputStream().write('X');
            } catch (IOException cut) {
              // this one is done with
            }
          }
          try {
            Thread.sleep(250);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "trickle");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }
  }

  private String healthFrom(String address) throws IOException {
    java.net.Socket socket = open(address);
    socket.setSoTimeout(2_000);
    try {
      socket.getOutputStream().write((PARTIAL_HEAD + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException closed) {
      return "<closed>";
    }
    return readAll(socket);
  }

  /** Everything until the server closes, or {@code <closed>} if it closed without a byte. */
  private static String readAll(java.net.Socket socket) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      socket.getInputStream().transferTo(bytes);
    } catch (SocketTimeoutException stillOpen) {
      return bytes.size() == 0 ? "<open>" : bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException reset) {
      // a reset is a close too
    }
    return bytes.size() == 0 ? "<closed>" : bytes.toString(StandardCharsets.UTF_8);
  }

  private static String readResponseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    // the body of the health answer follows; drop it by its length
    String text = head.toString();
    int at = text.toLowerCase().indexOf("content-length:");
    if (at >= 0) {
      int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
      in.readNBytes(length);
    }
    return text;
  }
}
