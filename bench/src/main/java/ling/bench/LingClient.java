package ling.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.function.Consumer;

/** The public API as the workloads use it: accounts, friends, groups, sockets. */
final class LingClient {

  /** A signed-in user. */
  record User(long id, String username, String token) {
  }

  private final WebClient http;
  private final WebSocketClient ws;
  private final String host;
  private final int port;

  LingClient(Vertx vertx, String baseUrl) {
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(60_000));
  }

  Future<JsonObject> call(HttpMethod method, String path, String token, JsonObject body) {
    var request = http.request(method, "/api/v1" + path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    var sent = body == null ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode()));
    return sent.compose(response -> {
      if (response.statusCode() >= 300) {
        return Future.failedFuture(method + " " + path + " -> " + response.statusCode() + " " + response.bodyAsString());
      }
      Buffer raw = response.body();
      if (raw == null || raw.length() == 0) {
        return Future.succeededFuture(new JsonObject());
      }
      Object value = raw.toJsonValue();
      return Future.succeededFuture(value instanceof JsonArray array ? new JsonObject().put("items", array)
          : (JsonObject) value);
    });
  }

  /** A GET's status and body as text (the health and metrics endpoints). */
  Future<java.util.Map.Entry<Integer, String>> text(String path) {
    return http.get("/api/v1" + path).send()
        .map(response -> java.util.Map.entry(response.statusCode(), response.bodyAsString() == null ? ""
            : response.bodyAsString()));
  }

  /**
   * A socket that reads once, then never again, through a small receive buffer: a client that
   * stopped reading. Closes are counted, and those with the too-slow code (4413) apart: a client
   * that has not read the close frame in time finds its connection cut instead.
   */
  Future<WebSocket> connectStalled(Vertx vertx, User user, java.util.concurrent.atomic.AtomicInteger closedAsSlow,
                                  java.util.concurrent.atomic.AtomicInteger closed) {
    WebSocketClient stalled = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(4096)
        .setConnectTimeout(60_000));
    return stalled.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/v1/ws")
            .addHeader("Authorization", "Bearer " + user.token()))
        .map(socket -> {
          socket.closeHandler(v -> {
            closed.incrementAndGet();
            if (Short.valueOf((short) 4413).equals(socket.closeStatusCode())) {
              closedAsSlow.incrementAndGet();
            }
          });
          socket.pause();
          return socket;
        });
  }

  Future<User> register(String username) {
    return call(HttpMethod.POST, "/auth/register", null,
        new JsonObject().put("username", username).put("password", "bench-password-1"))
        .map(auth -> new User(auth.getJsonObject("user").getLong("id"), username, auth.getString("accessToken")));
  }

  /** Makes two users friends; completes with their conversation id. */
  Future<Long> befriend(User from, User to) {
    return call(HttpMethod.POST, "/friend-requests", from.token(), new JsonObject().put("toUserId", to.id()))
        .compose(request -> call(HttpMethod.POST, "/friend-requests/" + request.getLong("id") + "/accept",
            to.token(), null))
        .map(accepted -> accepted.getJsonObject("friend").getLong("conversationId"));
  }

  Future<WebSocket> connect(User user, Consumer<Frame> onFrame) {
    return ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/api/v1/ws")
            .addHeader("Authorization", "Bearer " + user.token()))
        .map(socket -> {
          socket.textMessageHandler(text -> onFrame.accept(new Frame(text)));
          return socket;
        });
  }

  void close() {
    http.close();
    ws.close();
  }
}
