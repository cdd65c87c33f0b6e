package ling.assistant;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an OpenAI-compatible backend on the loopback, speaking its wire format: {@code POST
 * /v1/chat/completions} answered with {@code data:} chunks and {@code data: [DONE]}, or with the
 * status and error body of a failure, or badly on purpose (stalling, breaking off, malformed).
 */
public final class FakeOpenAi {

  public enum Behaviour { ANSWER, STATUS, STALL, DROP, MALFORMED, NO_DONE }

  /** What the backend received. */
  public record Request(String authorization, JsonObject body) {
  }

  private final HttpServer server;
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Connections the client closed or reset. */
  public final java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
  private final Vertx vertx;
  public volatile Behaviour behaviour = Behaviour.ANSWER;
  public volatile List<String> pieces = List.of("Hello", ", ", "world", "!");
  public volatile int status = 200;
  public volatile String errorBody = "";
  public volatile long pieceDelayMillis = 5;

  private FakeOpenAi(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static FakeOpenAi start(Vertx vertx) {
    FakeOpenAi fake = new FakeOpenAi(vertx);
    fake.server.listen(0, "127.0.0.1").await();
    return fake;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  public void close() {
    server.close().await();
  }

  private void handle(HttpServerRequest request) {
    request.connection().closeHandler(v -> closed.incrementAndGet());
    request.body().onSuccess(body -> {
      if (!request.path().equals("/v1/chat/completions") || request.method() != io.vertx.core.http.HttpMethod.POST) {
        request.response().setStatusCode(404).end(error("not_found", "unknown path"));
        return;
      }
      requests.add(new Request(request.getHeader("Authorization"), body.toJsonObject()));
      HttpServerResponse response = request.response();
      switch (behaviour) {
        case STATUS -> response.setStatusCode(status).putHeader("Content-Type", "application/json").end(errorBody);
        case MALFORMED -> stream(response).end("data: {\"choices\": [{\"delta\": {\"content\": \"Hel\n\ndata: [DONE]\n\n");
        case STALL -> stream(response).write(chunk("Thinking"));
        case DROP -> {
          stream(response).write(chunk("Half an ans"));
          vertx.setTimer(50, id -> request.connection().close());
        }
        case NO_DONE -> stream(response).end(chunk("All of it but the end"));
        default -> answer(response, 0);
      }
    });
  }

  private void answer(HttpServerResponse response, int next) {
    if (next == 0) {
      stream(response);
    }
    if (next == pieces.size()) {
      response.write("data: " + new JsonObject().put("choices", new JsonArray().add(new JsonObject()
          .put("index", 0).put("delta", new JsonObject()).put("finish_reason", "stop"))).encode() + "\n\n");
      response.end("data: [DONE]\n\n");
      return;
    }
    response.write(chunk(pieces.get(next)));
    vertx.setTimer(pieceDelayMillis, id -> answer(response, next + 1));
  }

  private static HttpServerResponse stream(HttpServerResponse response) {
    return response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
  }

  public static String chunk(String content) {
    return "data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
            .put("delta", new JsonObject().put("content", content)).putNull("finish_reason"))).encode() + "\n\n";
  }

  public static String error(String type, String message) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)).encode();
  }
}
