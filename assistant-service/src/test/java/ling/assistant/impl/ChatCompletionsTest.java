package ling.assistant.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import ling.assistant.FakeOpenAi;
import ling.assistant.impl.BackendFailure.Kind;
import ling.assistant.impl.ChatCompletions.Turn;
import ling.common.config.LingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend client against a stand-in that speaks the OpenAI wire format, well and badly. */
class ChatCompletionsTest {

  private static final List<Turn> QUESTION = List.of(new Turn("system", "Be brief."), new Turn("user", "Say hello"));

  private Vertx vertx;
  private FakeOpenAi backend;
  private ChatCompletions completions;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    backend = FakeOpenAi.start(vertx);
    completions = new ChatCompletions(vertx, settings(backend.baseUrl(), Map.of()));
  }

  @AfterEach
  void stop() {
    completions.close().await();
    backend.close();
    vertx.close().await();
  }

  @Test
  void theAnswerGrowsAsItsChunksArriveAndEndsAtDone() throws Exception {
    String answer = completions.complete(QUESTION, seen::add).await(10, TimeUnit.SECONDS);

    assertEquals("Hello, world!", answer);
    assertEquals(List.of("Hello", "Hello, ", "Hello, world", "Hello, world!"), seen);
    FakeOpenAi.Request request = backend.requests.get(0);
    assertEquals("Bearer sk-test", request.authorization());
    assertEquals(Boolean.TRUE, request.body().getBoolean("stream"));
    assertEquals("test-model", request.body().getString("model"));
    assertEquals(new JsonObject().put("role", "user").put("content", "Say hello"),
        request.body().getJsonArray("messages").getJsonObject(1));
  }

  @Test
  void errorStatusesAreToldApartAndNothingOfTheirBodyIsAnAnswer() {
    backend.behaviour = FakeOpenAi.Behaviour.STATUS;
    for (var expected : Map.of(401, Kind.UNAUTHORIZED, 403, Kind.UNAUTHORIZED, 429, Kind.RATE_LIMITED,
        500, Kind.UNAVAILABLE, 503, Kind.UNAVAILABLE, 404, Kind.UNAVAILABLE).entrySet()) {
      backend.status = expected.getKey();
      backend.errorBody = FakeOpenAi.error("some_error", "refused with " + expected.getKey());
      BackendFailure failure = failureOf(completions.complete(QUESTION, seen::add));
      assertEquals(expected.getValue(), failure.kind(), failure.getMessage());
      // the backend's words are kept for the log, except about the key, where they may quote it
      assertEquals(expected.getValue() != Kind.UNAUTHORIZED, failure.getMessage().contains("refused with "
          + expected.getKey()), failure.getMessage());
      assertTrue(failure.getMessage().contains(String.valueOf(expected.getKey())), failure.getMessage());
    }
    assertEquals(List.of(), seen);
  }

  @Test
  void aBackendThatStallsTimesOutAfterTheIdleTime() {
    completions.close().await();
    completions = new ChatCompletions(vertx, settings(backend.baseUrl(), Map.of("idleTimeoutMillis", 400)));
    backend.behaviour = FakeOpenAi.Behaviour.STALL;
    long started = System.nanoTime();
    BackendFailure failure = failureOf(completions.complete(QUESTION, seen::add));
    assertEquals(Kind.TIMED_OUT, failure.kind(), failure.getMessage());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 5_000, "not the answer's whole time-out");
    awaitClosed("the stalled answer's connection is dropped");
  }

  @Test
  void anAnswerPastItsTimeOutFailsEvenWhileChunksKeepComing() {
    completions.close().await();
    completions = new ChatCompletions(vertx, settings(backend.baseUrl(), Map.of("answerTimeoutMillis", 300)));
    backend.pieceDelayMillis = 100;
    backend.pieces = java.util.Collections.nCopies(50, "word ");
    assertEquals(Kind.TIMED_OUT, failureOf(completions.complete(QUESTION, seen::add)).kind());
    awaitClosed("the backend stops writing an abandoned answer");
  }

  @Test
  void aStreamThatBreaksOffOrEndsWithoutDoneIsInterrupted() {
    backend.behaviour = FakeOpenAi.Behaviour.DROP;
    assertEquals(Kind.INTERRUPTED, failureOf(completions.complete(QUESTION, seen::add)).kind());
    backend.behaviour = FakeOpenAi.Behaviour.NO_DONE;
    assertEquals(Kind.INTERRUPTED, failureOf(completions.complete(QUESTION, seen::add)).kind());
  }

  @Test
  void malformedEventsFailTheAnswer() {
    backend.behaviour = FakeOpenAi.Behaviour.MALFORMED;
    assertEquals(Kind.MALFORMED, failureOf(completions.complete(QUESTION, seen::add)).kind());
    assertEquals(List.of(), seen);
  }

  @Test
  void anAnswerLongerThanAllowedIsCutOffAsAFailure() {
    completions.close().await();
    completions = new ChatCompletions(vertx, settings(backend.baseUrl(), Map.of("maxAnswerChars", 8)));
    assertEquals(Kind.TOO_LONG, failureOf(completions.complete(QUESTION, seen::add)).kind());
  }

  @Test
  void anUnreachableBackendIsUnavailableAndTheNextQuestionWorksOnceItIsBack() throws Exception {
    String base = backend.baseUrl();
    backend.close();
    assertEquals(Kind.UNAVAILABLE, failureOf(completions.complete(QUESTION, seen::add)).kind());

    int port = Integer.parseInt(base.replaceAll(".*:(\\d+)/v1", "$1"));
    var again = vertx.createHttpServer().requestHandler(request -> request.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").end(FakeOpenAi.chunk("Back") + "data: [DONE]\n\n"));
    again.listen(port, "127.0.0.1").await();
    assertEquals("Back", completions.complete(QUESTION, seen::add).await(10, TimeUnit.SECONDS));
    again.close().await();
    backend = FakeOpenAi.start(vertx);
  }

  private void awaitClosed(String why) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (backend.closed.get() == 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertEquals(1, backend.closed.get(), why);
  }

  private static BackendFailure failureOf(Future<String> answer) {
    Throwable cause = answer.transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause() : null)).await();
    return assertInstanceOf(BackendFailure.class, cause, "the answer failed with a BackendFailure");
  }

  static AssistantSettings settings(String baseUrl, Map<String, Object> changes) {
    JsonObject config = LingConfig.loadNow(Map.of());
    JsonObject assistant = config.getJsonObject("assistant").put("baseUrl", baseUrl).put("model", "test-model")
        .put("apiKey", "sk-test");
    changes.forEach(assistant::put);
    return AssistantSettings.of(config);
  }

  @Test
  void theBackendsWordsAreLoggedOnOneLineShortAndWithoutKeys() {
    assertEquals(": Incorrect API key provided: [redacted] (see Bearer [redacted] )",
        ChatCompletions.errorMessage(FakeOpenAi.error("invalid_api_key",
            "Incorrect API key provided: sk-proj-abc***wxyz (see Bearer\nsk-1234567 )")));
    assertEquals("", ChatCompletions.errorMessage("not json"));
    assertEquals(": " + "y".repeat(200) + "…", ChatCompletions.errorMessage(FakeOpenAi.error("x", "y".repeat(500))));
  }
}
