package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy every client comes from the proxy's address: the per-address connection
 * cap does not count a trusted proxy's connections, and still counts everyone else's.
 */
class ProxiedConnectionsTest extends OwnStackTest {

  private static final int CAP = 5;
  private final List<java.net.Socket> raw = new ArrayList<>();

  @Override
  protected void adjust(JsonObject config) {
    config.getJsonObject("http").put("maxConnectionsPerAddress", CAP).put("trustedProxies", "127.0.0.2");
  }

  @AfterEach
  void closeRaw() throws IOException {
    for (java.net.Socket socket : raw) {
      socket.close();
    }
  }

  @Test
  void aTrustedProxyMayHoldMoreConnectionsThanTheCapAndOthersMayNot() throws Exception {
    assertEquals(3 * CAP, openAndCount("127.0.0.2", 3 * CAP), "the proxy's connections are not capped");
    assertEquals(CAP, openAndCount("127.0.0.1", CAP + 3), "anyone else's are");
  }

  /** Opens connections that start a request, and counts those the server keeps open. */
  private int openAndCount(String from, int count) throws IOException {
    List<java.net.Socket> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      java.net.Socket socket = new java.net.Socket();
      raw.add(socket);
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", stack.port), 2_000);
      socket.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      opened.add(socket);
    }
    int open = 0;
    for (java.net.Socket socket : opened) {
      socket.setSoTimeout(200);
      try {
        if (socket.getInputStream().read() < 0) {
          continue;
        }
      } catch (SocketTimeoutException stillOpen) {
        open++;
      } catch (IOException reset) {
        // closed
      }
    }
    return open;
  }
}
