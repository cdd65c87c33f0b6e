package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads that trickle and stall: one user's cannot take the connections that others' uploads
 * and everyone's downloads go through, and a stalled one is cut and gives its connection back.
 */
class FileProxyLimitsTest extends OwnStackTest {

  private final List<Socket> trickles = new ArrayList<>();

  @Override
  protected void adjust(io.vertx.core.json.JsonObject config) {
    config.getJsonObject("files").put("proxyConnections", 5).put("proxyUploadsPerUser", 2)
        .put("proxyIdleMillis", 2_000);
    config.getJsonObject("http").put("idleSeconds", 3);
  }

  @AfterEach
  void closeTrickles() throws Exception {
    for (Socket socket : trickles) {
      socket.close();
    }
  }

  @Test
  void stalledUploadsOfOneUserStarveNoOneAndAreCut() throws Exception {
    Session mallory = api.register("trickle");
    Session bob = api.register("bystander");
    FileClient files = new FileClient(stack.port);
    String bobsFile = files.tusUpload(bob, FileClient.random(10_000, 3), "before.bin");

    // five uploads that send their headers and ten bytes, then nothing
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String location = files.create(mallory, 1_000);
      Socket socket = new Socket("127.0.0.1", stack.port);
      socket.setSoTimeout(500);
      trickles.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + URI.create(location).getPath() + " HTTP/1.1\r\nHost: ling\r\nAuthorization: "
          + mallory.bearer() + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: "
          + "application/offset+octet-stream\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[10]);
      out.flush();
      answers.add(statusLine(socket));
    }
    // two are let through; the others are told to come back
    assertEquals(2, answers.stream().filter(String::isEmpty).count(), answers.toString());
    assertEquals(3, answers.stream().filter(a -> a.startsWith("HTTP/1.1 429")).count(), answers.toString());

    // meanwhile everyone else's downloads and uploads go on
    Reply info = api.callAsync(HttpMethod.GET, "/files/" + bobsFile + "/info", bob.bearer(), null)
        .timeout(5, TimeUnit.SECONDS).await();
    assertEquals(200, info.status());
    assertEquals(200, files.bytes(bob, files.base + "/files/" + bobsFile, java.util.Map.of()).statusCode());
    assertTrue(!files.tusUpload(bob, FileClient.random(5_000, 4), "during.bin").isEmpty());

    // the stalled two are cut once silent, and their connections come back
    for (Socket socket : trickles.subList(0, 2)) {
      assertTrue(cutWithin(socket, 10_000), "a stalled upload is cut");
    }
    assertTrue(!files.tusUpload(mallory, FileClient.random(5_000, 5), "after.bin").isEmpty());
  }

  /** The status line the gateway answered, or "" while it is still waiting for the body. */
  private static String statusLine(Socket socket) throws Exception {
    try {
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\n'; ) {
        line.append((char) c);
      }
      return line.toString().strip();
    } catch (SocketTimeoutException e) {
      return "";
    }
  }

  /** Whether the connection ends (or is answered and ended) within the time. */
  private static boolean cutWithin(Socket socket, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    InputStream in = socket.getInputStream();
    while (System.currentTimeMillis() < deadline) {
      try {
        if (in.read() == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open
      } catch (java.io.IOException reset) {
        return true;
      }
    }
    return false;
  }
}
