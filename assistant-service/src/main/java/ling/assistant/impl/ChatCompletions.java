package ling.assistant.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import ling.assistant.impl.BackendFailure.Kind;

/**
 * One OpenAI-compatible chat-completions call with {@code stream: true}: the answer's text grows
 * chunk by chunk as the server-sent events arrive, and the future completes with the whole text
 * once the backend says it is done ({@code [DONE]} or a finish reason). Anything else fails it
 * with a {@link BackendFailure} saying why; text already passed on is then not an answer.
 */
final class ChatCompletions {

  /** A message of the conversation sent as context: role {@code system}, {@code user} or {@code assistant}. */
  record Turn(String role, String content) {
  }

  private static final int MAX_LINE_BYTES = 1 << 20;
  private static final int MAX_ERROR_BODY = 4096;

  private final Vertx vertx;
  private final AssistantSettings settings;
  private final HttpClient client;

  ChatCompletions(Vertx vertx, AssistantSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    // Vert.x's own HTTP client rather than the web client's: an abandoned answer (too slow, too
    // long) resets its request, so the backend stops writing and the connection is not held
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
        .setTrustAll(false)
        .setVerifyHost(true));
  }

  /**
   * Asks for an answer to the turns; {@code onText} gets the whole text so far each time it grows.
   */
  Future<String> complete(List<Turn> turns, Consumer<String> onText) {
    JsonArray messages = new JsonArray();
    turns.forEach(t -> messages.add(new JsonObject().put("role", t.role()).put("content", t.content())));
    JsonObject body = new JsonObject().put("model", settings.model()).put("stream", true).put("messages", messages);

    Answer answer = new Answer(onText, settings.maxAnswerChars());
    long deadline = vertx.setTimer(settings.answerTimeoutMillis(), id -> answer.fail(
        new BackendFailure(Kind.TIMED_OUT, "no complete answer in " + settings.answerTimeoutMillis() + " ms")));
    IdleTimer idle = new IdleTimer(answer);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(settings.completionsUri().toString())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.ACCEPT, "text/event-stream")
        .putHeader(HttpHeaders.USER_AGENT, "Ling-assistant");
    if (settings.apiKey() != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey());
    }
    client.request(options).onComplete(opened -> {
      if (opened.failed()) {
        answer.fail(unreachable(opened.cause()));
        return;
      }
      HttpClientRequest request = opened.result();
      answer.onAbandon(request::reset);
      request.exceptionHandler(err -> answer.fail(answer.started()
          ? new BackendFailure(Kind.INTERRUPTED, "the stream broke off: " + err.getMessage())
          : unreachable(err)));
      request.send(body.toBuffer()).onComplete(sent -> {
        if (sent.failed()) {
          answer.fail(unreachable(sent.cause()));
          return;
        }
        HttpClientResponse response = sent.result();
        int status = response.statusCode();
        response.exceptionHandler(err -> answer.fail(answer.started()
            ? new BackendFailure(Kind.INTERRUPTED, "the stream broke off: " + err.getMessage())
            : unreachable(err)));
        response.handler(chunk -> {
          idle.touch();
          answer.accept(chunk, status == 200);
        });
        response.endHandler(v -> {
          if (status != 200) {
            answer.fail(byStatus(status, answer.raw()));
          } else {
            answer.ended();
          }
        });
      });
    });
    return answer.result().onComplete(x -> {
      vertx.cancelTimer(deadline);
      idle.cancel();
    });
  }

  /** Fails the answer when nothing arrives for the idle time-out, from the request on. */
  private final class IdleTimer {
    private final Answer answer;
    private long timer;

    IdleTimer(Answer answer) {
      this.answer = answer;
      touch();
    }

    void touch() {
      vertx.cancelTimer(timer);
      timer = vertx.setTimer(settings.idleTimeoutMillis(), id -> answer.fail(new BackendFailure(Kind.TIMED_OUT,
          "nothing from the backend for " + settings.idleTimeoutMillis() + " ms")));
    }

    void cancel() {
      vertx.cancelTimer(timer);
    }
  }

  private static BackendFailure unreachable(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    boolean timedOut = cause instanceof java.util.concurrent.TimeoutException
        || cause instanceof io.netty.handler.timeout.TimeoutException
        || cause instanceof io.vertx.core.http.HttpClosedException && message.contains("timeout")
        || message.toLowerCase(java.util.Locale.ROOT).contains("timeout");
    return new BackendFailure(timedOut ? Kind.TIMED_OUT : Kind.UNAVAILABLE, "no answer from the backend: " + message);
  }

  private static BackendFailure byStatus(int status, String body) {
    String detail = "the backend answered " + status + errorMessage(body);
    if (status == 401 || status == 403) {
      return new BackendFailure(Kind.UNAUTHORIZED, detail);
    }
    if (status == 429) {
      return new BackendFailure(Kind.RATE_LIMITED, detail);
    }
    return new BackendFailure(Kind.UNAVAILABLE, detail);
  }

  /** The backend's own words from an OpenAI error body ({@code {"error": {"message": ...}}}), for the log. */
  private static String errorMessage(String body) {
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      String message = error == null ? null : error.getString("message");
      return message == null ? "" : ": " + message;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The response body as it arrives: the event stream of a 200, the start of any other's body. */
  private static final class Answer {
    private final Consumer<String> onText;
    private final int maxChars;
    private final Promise<String> promise = Promise.promise();
    private final StringBuilder text = new StringBuilder();
    private final Buffer raw = Buffer.buffer();
    private final ServerSentEvents events;
    private Runnable abandon = () -> { };
    private boolean finished;
    private boolean started;

    Answer(Consumer<String> onText, int maxChars) {
      this.onText = onText;
      this.maxChars = maxChars;
      this.events = new ServerSentEvents(this::event, MAX_LINE_BYTES);
    }

    Future<String> result() {
      return promise.future();
    }

    boolean started() {
      return started;
    }

    String raw() {
      return raw.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    void onAbandon(Runnable abandon) {
      this.abandon = abandon;
      if (promise.future().failed()) {
        abandon.run();
      }
    }

    /** Fails the answer, if it has not ended yet, and drops the connection it came on. */
    void fail(BackendFailure failure) {
      if (promise.tryFail(failure)) {
        abandon.run();
      }
    }

    /** The response ended with 200: complete only if the backend said it was done. */
    void ended() {
      events.end();
      if (finished) {
        promise.tryComplete(text.toString());
      } else {
        fail(started
            ? new BackendFailure(Kind.INTERRUPTED, "the stream ended before the answer did")
            : new BackendFailure(Kind.MALFORMED, "the response was not an event stream of chat-completion chunks"));
      }
    }

    void accept(Buffer data, boolean stream) {
      if (promise.future().isComplete()) {
        return;
      }
      if (raw.length() < MAX_ERROR_BODY) {
        raw.appendBuffer(data.length() > MAX_ERROR_BODY ? data.getBuffer(0, MAX_ERROR_BODY) : data);
      }
      if (!stream) {
        return;
      }
      try {
        events.feed(data);
      } catch (BackendFailure failure) {
        fail(failure);
      }
    }

    private void event(String data) {
      if (finished || promise.future().isComplete()) {
        return;
      }
      started = true;
      if (data.strip().equals("[DONE]")) {
        finished = true;
        return;
      }
      JsonObject chunk;
      try {
        chunk = new JsonObject(data);
      } catch (DecodeException | ClassCastException e) {
        throw new BackendFailure(Kind.MALFORMED, "an event that is not a JSON object");
      }
      if (chunk.getValue("error") != null) {
        throw new BackendFailure(Kind.UNAVAILABLE, "the backend reported an error in the stream" + errorMessage(data));
      }
      Object choices = chunk.getValue("choices");
      if (!(choices instanceof JsonArray list)) {
        throw new BackendFailure(Kind.MALFORMED, "a chunk without choices");
      }
      if (list.isEmpty()) {
        // some servers end with a chunk of usage figures only
        return;
      }
      if (!(list.getValue(0) instanceof JsonObject choice)) {
        throw new BackendFailure(Kind.MALFORMED, "a choice that is not an object");
      }
      Object delta = choice.getValue("delta");
      if (delta != null && !(delta instanceof JsonObject)) {
        throw new BackendFailure(Kind.MALFORMED, "a delta that is not an object");
      }
      Object content = delta == null ? null : ((JsonObject) delta).getValue("content");
      if (content != null && !(content instanceof String)) {
        throw new BackendFailure(Kind.MALFORMED, "content that is not text");
      }
      if (content != null && !((String) content).isEmpty()) {
        text.append((String) content);
        if (text.length() > maxChars) {
          throw new BackendFailure(Kind.TOO_LONG, "the answer grew past " + maxChars + " characters");
        }
        onText.accept(text.toString());
      }
      if (choice.getValue("finish_reason") != null) {
        finished = true;
      }
    }

  }

  Future<Void> close() {
    return client.close();
  }
}
