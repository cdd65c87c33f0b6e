package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sockets that stop reading while a busy conversation keeps writing to them: each is cut off once
 * it holds its limit of unwritten bytes, the gateway's total stays bounded, and the sockets that
 * read are served all along.
 */
class SlowReaderTest extends OwnStackTest {

  private static final long PER_SOCKET = 256 * 1024;
  /** Room for the four stalled sockets' limits: the senders and the reader, behind for a moment under load, are spared. */
  private static final long TOTAL = 6 * PER_SOCKET;

  private final List<WebSocketClient> clients = new ArrayList<>();

  @Override
  protected void adjust(JsonObject config) {
    config.getJsonObject("ws").put("maxQueuedBytes", PER_SOCKET).put("maxQueuedBytesTotal", TOTAL)
        .put("slowGraceMillis", 1_000)
        // three of one account's sockets send at their own limit
        .put("maxFramesPerSecondPerUser", 1_000);
  }

  @AfterEach
  void closeClients() {
    clients.forEach(WebSocketClient::close);
  }

  @Test
  void socketsThatStopReadingAreClosedAndTheRestAreServed() throws Exception {
    Session owner = api.register("slow");
    Session friend = api.register("slowf");
    api.befriend(owner, friend);
    long group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "firehose")
        .put("memberIds", new JsonArray().add(friend.id()))).json().getLong("conversationId");

    // four of the owner's sockets read once, then never again, through a small receive buffer
    List<WebSocket> stalled = new ArrayList<>();
    List<CompletableFuture<Short>> stalledClosed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      WebSocketClient client = stack.vertx.createWebSocketClient(new WebSocketClientOptions()
          .setReceiveBufferSize(4096).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 21));
      clients.add(client);
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(stack.port)
          .setURI("/api/v1/ws").addHeader("Authorization", owner.bearer())).await();
      CompletableFuture<Short> closed = new CompletableFuture<>();
      CompletableFuture<Void> pong = new CompletableFuture<>();
      ws.textMessageHandler(text -> {
        if (text.contains("\"pong\"")) {
          pong.complete(null);
        }
      });
      ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
      ws.writeTextMessage(new JsonObject().put("type", "ping").encode()).await();
      pong.get(5, TimeUnit.SECONDS);
      ws.pause();
      stalled.add(ws);
      stalledClosed.add(closed);
    }

    // three of the owner's sockets send at the frame limit: each stalled socket is owed ~6 MB,
    // more than the kernel's buffers take, so the rest waits in the gateway
    String text = "满".repeat(4_500);
    int perSender = 150;
    double maxQueued = 0;
    List<Socket> senders = new ArrayList<>();
    try (Socket reader = Socket.connect(stack.vertx, stack.port, friend.bearer())) {
      for (int i = 0; i < 3; i++) {
        senders.add(Socket.connect(stack.vertx, stack.port, owner.bearer()));
        FriendsApiTest.ping(senders.get(i));
      }
      FriendsApiTest.ping(reader);
      for (int n = 0; n < perSender; n++) {
        for (int i = 0; i < senders.size(); i++) {
          senders.get(i).send(new JsonObject().put("type", "send").put("clientMsgId", i + "-" + n)
              .put("conversationId", group).put("kind", "text").put("text", text));
        }
        if (n % 15 == 14) {
          maxQueued = Math.max(maxQueued, queuedBytes());
        }
        Thread.sleep(22);
      }
      // the senders and the friend kept up all along
      for (int i = 0; i < senders.size(); i++) {
        Socket sender = senders.get(i);
        try {
          awaitAck(sender, i + "-" + (perSender - 1));
        } catch (AssertionError e) {
          throw new AssertionError("sender " + i + " closed: " + sender.closed.getNow(null), e);
        }
      }
      int received = 0;
      while (received < 3 * perSender) {
        assertTrue(!reader.closed.isDone(), "the reader was closed: " + reader.closed.getNow(null) + " after " + received);
        JsonObject frame;
        try {
          frame = reader.next(10_000);
        } catch (AssertionError e) {
          throw new AssertionError("the reader got " + received + " of " + 3 * perSender + " messages", e);
        }
        if ("message".equals(frame.getString("type"))) {
          received++;
        }
      }
      assertEquals(200, api.get("/health", null).status());
    } finally {
      senders.forEach(Socket::close);
    }
    assertTrue(maxQueued <= 4 * 4 * PER_SOCKET + 4 * PER_SOCKET, "the gateway held " + maxQueued + " unwritten bytes");
    // read again: what was written before the close, then the close (4413), or, when the close
    // frame was not read in time, the cut connection
    for (WebSocket ws : stalled) {
      ws.resume();
    }
    for (CompletableFuture<Short> closed : stalledClosed) {
      Short code = closed.get(15, TimeUnit.SECONDS);
      System.out.println("stalled socket closed with " + code + "; the gateway held at most " + (long) maxQueued + " bytes");
      assertTrue(code == null || code == 4413 || code == 1006, "closed as too slow: " + code);
    }
    // and the gateway holds nothing for them any more
    long deadline = System.currentTimeMillis() + 10_000;
    while (queuedBytes() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(0.0, queuedBytes());
  }

  private double queuedBytes() {
    String metrics = api.get("/metrics", null).text();
    return metrics.lines().filter(line -> line.startsWith("ling_ws_queued_bytes{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static JsonObject awaitAck(Socket socket, String clientMsgId) {
    for (int i = 0; i < 2_000; i++) {
      JsonObject frame = socket.next(20_000);
      if ("ack".equals(frame.getString("type")) && clientMsgId.equals(frame.getString("clientMsgId"))) {
        return frame;
      }
    }
    throw new AssertionError("no ack for " + clientMsgId);
  }
}
