package ling.standalone;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A blocking HTTP client for the contract, for tests: each call returns the finished response. */
final class Api implements AutoCloseable {

  record Reply(int status, Buffer raw, io.vertx.core.MultiMap headers) {
    JsonObject json() {
      return raw == null || raw.length() == 0 ? null : raw.toJsonObject();
    }

    JsonArray array() {
      return raw.toJsonArray();
    }

    String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    String errorMessage() {
      return json().getJsonObject("error").getString("message");
    }

    String text() {
      return raw == null ? "" : raw.toString();
    }
  }

  /** A signed-in user as the tests see it. */
  record Session(long id, String username, String password, String accessToken, String refreshToken) {
    String bearer() {
      return "Bearer " + accessToken;
    }
  }

  private final WebClient client;
  final int port;

  Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.port = port;
  }

  Reply call(HttpMethod method, String path, String bearer, Object body) {
    return callAsync(method, path, bearer, body).await();
  }

  /** For tests that fire requests in parallel. */
  Future<Reply> callAsync(HttpMethod method, String path, String bearer, Object body) {
    HttpRequest<Buffer> request = client.request(method, "/api/v1" + path);
    if (bearer != null) {
      request.putHeader("Authorization", bearer);
    }
    Future<HttpResponse<Buffer>> response;
    if (body == null) {
      response = request.send();
    } else {
      Buffer raw = body instanceof Buffer b ? b
          : Buffer.buffer(body instanceof JsonObject o ? o.encode() : body.toString());
      response = request.putHeader("Content-Type", "application/json").sendBuffer(raw);
    }
    return response.map(r -> new Reply(r.statusCode(), r.body(), r.headers()));
  }

  /** A multipart POST with one file field. */
  Reply upload(String path, String bearer, String field, String filename, byte[] content, String type) {
    HttpRequest<Buffer> request = client.request(HttpMethod.POST, "/api/v1" + path);
    if (bearer != null) {
      request.putHeader("Authorization", bearer);
    }
    return request.sendMultipartForm(io.vertx.ext.web.multipart.MultipartForm.create()
            .binaryFileUpload(field, filename, Buffer.buffer(content), type))
        .map(r -> new Reply(r.statusCode(), r.body(), r.headers()))
        .await();
  }

  Reply get(String path, String bearer) {
    return call(HttpMethod.GET, path, bearer, null);
  }

  Reply post(String path, String bearer, Object body) {
    return call(HttpMethod.POST, path, bearer, body);
  }

  Reply post(String path, Object body) {
    return post(path, null, body);
  }

  Reply patch(String path, String bearer, Object body) {
    return call(HttpMethod.PATCH, path, bearer, body);
  }

  Reply put(String path, String bearer, Object body) {
    return call(HttpMethod.PUT, path, bearer, body);
  }

  Session register(String username, String password, JsonObject extra) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (extra != null) {
      body.mergeIn(extra);
    }
    Reply reply = post("/auth/register", body);
    if (reply.status() != 201) {
      throw new AssertionError("register " + username + ": " + reply.status() + " " + reply.text());
    }
    return session(reply.json(), password);
  }

  Session register(String prefix) {
    return register(TestStack.uniqueName(prefix), "pass-" + prefix + "-123", null);
  }

  Reply login(String username, String password) {
    return post("/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  /**
   * The clientMsgIds of a conversation's messages in seq order, read page by page after seq 0;
   * fails if a seq is missing or repeated.
   */
  java.util.List<String> storedInOrder(Session reader, long conversation) {
    java.util.List<String> stored = new java.util.ArrayList<>();
    long after = 0;
    while (true) {
      JsonArray page = get("/conversations/" + conversation + "/messages?afterSeq=" + after + "&limit=200",
          reader.bearer()).array();
      if (page.isEmpty()) {
        return stored;
      }
      for (int i = 0; i < page.size(); i++) {
        JsonObject message = page.getJsonObject(i);
        if (message.getLong("seq") != after + 1) {
          throw new AssertionError("seq " + message.getLong("seq") + " follows " + after);
        }
        after = message.getLong("seq");
        stored.add(message.getString("clientMsgId"));
      }
    }
  }

  /** Makes two users friends through the API; returns their conversation id. */
  long befriend(Session from, Session to) {
    Reply sent = post("/friend-requests", from.bearer(), new JsonObject().put("toUserId", to.id()));
    Reply accepted = post("/friend-requests/" + sent.json().getLong("id") + "/accept", to.bearer(), null);
    if (accepted.status() != 200) {
      throw new AssertionError("accept: " + accepted.status() + " " + accepted.text());
    }
    return accepted.json().getJsonObject("friend").getLong("conversationId");
  }

  /** Waits until the viewer (a friend) sees the user online: the user's socket reached presence. */
  void awaitOnline(Session viewer, Session user) {
    for (int i = 0; i < 100; i++) {
      if (Boolean.TRUE.equals(get("/users/" + user.id(), viewer.bearer()).json().getBoolean("online"))) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("user " + user.id() + " never came online");
  }

  static Session session(JsonObject auth, String password) {
    JsonObject user = auth.getJsonObject("user");
    return new Session(user.getLong("id"), user.getString("username"), password,
        auth.getString("accessToken"), auth.getString("refreshToken"));
  }

  @Override
  public void close() {
    client.close();
  }
}
