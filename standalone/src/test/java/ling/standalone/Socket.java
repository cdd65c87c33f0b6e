package ling.standalone;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's WebSocket to the gateway: frames received queue up; the close code is kept. */
final class Socket implements AutoCloseable {

  final WebSocket ws;
  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<Short> closed = new CompletableFuture<>();

  private Socket(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  /** Connects with the token in the Authorization header (or null for none); fails like the upgrade does. */
  static Socket connect(Vertx vertx, int port, String bearer) {
    return connect(vertx, port, "/api/v1/ws", bearer);
  }

  static Socket connect(Vertx vertx, int port, String uri, String bearer) {
    WebSocketClient client = vertx.createWebSocketClient(
        new io.vertx.core.http.WebSocketClientOptions().setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 21));
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI(uri);
    if (bearer != null) {
      options.addHeader("Authorization", bearer);
    }
    try {
      return new Socket(client, client.connect(options).await());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  /** Sends a text message and waits for its ack; an error frame instead fails with "refused". */
  JsonObject sendAndAwaitAck(long conversation, String clientMsgId, String text, long millis) {
    send(new JsonObject().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversation).put("kind", "text").put("text", text));
    JsonObject answer = next(millis);
    while (!"ack".equals(answer.getString("type"))) {
      if ("error".equals(answer.getString("type"))) {
        throw new AssertionError(clientMsgId + " refused: " + answer.encode());
      }
      answer = next(millis);
    }
    if (!clientMsgId.equals(answer.getString("clientMsgId"))) {
      throw new AssertionError("the ack of " + answer.getString("clientMsgId") + " came for " + clientMsgId);
    }
    return answer;
  }

  void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** The next frame, or an AssertionError after the timeout. */
  JsonObject next(long millis) {
    try {
      JsonObject frame = frames.poll(millis, TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + millis + " ms");
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  JsonObject next() {
    return next(5_000);
  }

  /** The next frame of this type within the time; frames of other types before it are dropped. */
  JsonObject nextOfType(String type, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject frame = next(Math.max(1, deadline - System.currentTimeMillis()));
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + type + " frame within " + millis + " ms");
  }

  /** The close code, waiting up to the timeout for the close. */
  short closeCode(long millis) {
    try {
      return closed.get(millis, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + millis + " ms", e);
    }
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.close();
    }
    client.close();
  }
}
