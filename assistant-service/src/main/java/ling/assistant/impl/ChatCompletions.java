package ling.assistant.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  /** The connections of the answers being written, dropped when the service stops. */
  private final Set<HttpClient> open = ConcurrentHashMap.newKeySet();

  ChatCompletions(Vertx vertx, AssistantSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /**
   * Asks for an answer to the turns; {@code onText} gets the whole text so far each time it grows.
   */
  Future<String> complete(List<Turn> turns, Consumer<String> onText) {
    JsonArray messages = new JsonArray();
    turns.forEach(t -> messages.add(new JsonObject().put("role", t.role()).put("content", t.content())));
    JsonObject body = new JsonObject().put("model", settings.model()).put("stream", true).put("messages", messages);

    // a client of its own per answer: closing it is how an abandoned answer (too slow, too long)
    // drops its connection, so the backend stops writing and nothing is held
    HttpClient connection = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMillis()))
        .setVerifyHost(true)
        .setKeepAlive(false));
    open.add(connection);
    WebClient web = WebClient.wrap(connection);
    Answer answer = new Answer(onText, settings.maxAnswerChars(), connection::close);
    long deadline = vertx.setTimer(settings.answerTimeoutMillis(), id -> answer.fail(
        new BackendFailure(Kind.TIMED_OUT, "no complete answer in " + settings.answerTimeoutMillis() + " ms")));
    IdleTimer idle = new IdleTimer(answer);
    HttpRequest<Void> request = web.postAbs(settings.completionsUri().toString())
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
        .putHeader(HttpHeaders.ACCEPT.toString(), "text/event-stream")
        .putHeader(HttpHeaders.USER_AGENT.toString(), "Ling-assistant")
        .as(BodyCodec.pipe(new Arrivals(answer, idle), false));
    if (settings.apiKey() != null) {
      request.bearerTokenAuthentication(settings.apiKey());
    }
    request.sendJsonObject(body).onComplete(sent -> {
      if (sent.failed()) {
        answer.fail(answer.started()
            ? new BackendFailure(Kind.INTERRUPTED, "the stream broke off: " + sent.cause().getMessage())
            : unreachable(sent.cause()));
      } else if (sent.result().statusCode() != 200) {
        answer.fail(byStatus(sent.result().statusCode(), answer.raw()));
      } else {
        answer.ended();
      }
    });
    return answer.result().onComplete(x -> {
      vertx.cancelTimer(deadline);
      idle.cancel();
      open.remove(connection);
      connection.close();
    });
  }

  /** The response body as the web client hands it on, chunk by chunk as it arrives. */
  private static final class Arrivals implements WriteStream<Buffer> {
    private final Answer answer;
    private final IdleTimer idle;

    Arrivals(Answer answer, IdleTimer idle) {
      this.answer = answer;
      this.idle = idle;
    }

    @Override
    public Future<Void> write(Buffer data) {
      idle.touch();
      answer.accept(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
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
    if (status == 401 || status == 403) {
      // its words would be about the key (OpenAI's quote part of it): they are not kept
      return new BackendFailure(Kind.UNAUTHORIZED, "the backend refused the key (" + status + ")");
    }
    String detail = "the backend answered " + status + errorMessage(body);
    if (status == 429) {
      return new BackendFailure(Kind.RATE_LIMITED, detail);
    }
    return new BackendFailure(Kind.UNAVAILABLE, detail);
  }

  /**
   * The backend's own words from an OpenAI error body ({@code {"error": {"message": ...}}}), for the
   * log: on one line, at most 200 characters, and never with anything that looks like a key in them.
   */
  static String errorMessage(String body) {
    try {
      JsonObject error = new JsonObject(body).getJsonObject("error");
      String message = error == null ? null : error.getString("message");
      if (message == null) {
        return "";
      }
      String flat = message.replaceAll("\\p{Cntrl}", " ")
          .replaceAll("(?i)\\b(sk|key|bearer)[-_a-z0-9*.]{4,}", "[redacted]");
      return ": " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
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
    private final Runnable abandon;
    private boolean finished;
    private boolean started;

    Answer(Consumer<String> onText, int maxChars, Runnable abandon) {
      this.onText = onText;
      this.maxChars = maxChars;
      this.abandon = abandon;
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

    /**
     * A chunk of the body. Its status comes with the body's end, so every body is read as an
     * event stream; an error body (a JSON object) holds no events, and its start is kept for the log.
     */
    void accept(Buffer data) {
      if (promise.future().isComplete()) {
        return;
      }
      if (raw.length() < MAX_ERROR_BODY) {
        raw.appendBuffer(data.length() > MAX_ERROR_BODY ? data.getBuffer(0, MAX_ERROR_BODY) : data);
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
    return Future.join(open.stream().map(HttpClient::close).toList()).mapEmpty();
  }
}
