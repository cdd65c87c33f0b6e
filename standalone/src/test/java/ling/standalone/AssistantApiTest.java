package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.assistant.FakeOpenAi;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assistant through the gateway, against a stand-in OpenAI-compatible backend: the contact and
 * its conversation, answers streamed then stored, the quota, failures told in words, and summaries
 * of unread messages for members only.
 */
class AssistantApiTest extends OwnStackTest {

  private static Vertx backendVertx;
  private static FakeOpenAi backend;

  @BeforeAll
  static void startBackend() {
    backendVertx = Vertx.vertx();
    backend = FakeOpenAi.start(backendVertx);
  }

  @AfterAll
  static void stopBackend() {
    backend.close();
    backendVertx.close().await();
  }

  @Override
  protected void adjust(JsonObject config) {
    config.getJsonObject("rateLimit").put("registrationsPerAddress", 1000);
    config.getJsonObject("assistant").put("baseUrl", backend.baseUrl()).put("model", "test-model")
        .put("apiKey", "sk-test").put("quotaQuestions", 3).put("idleTimeoutMillis", 2000);
    backend.behaviour = FakeOpenAi.Behaviour.ANSWER;
    backend.pieces = List.of("Hello", ", ", "world", "!");
    backend.requests.clear();
  }

  @Test
  void aQuestionIsAnsweredAsItStreamsThenStoredAsAMessage() {
    Session ann = api.register("as");
    JsonObject status = api.get("/assistant", ann.bearer()).json();
    assertEquals("Ling Assistant", status.getString("displayName"));
    assertEquals(3, status.getInteger("remaining"));
    long conversation = status.getLong("conversationId");
    assertTrue(conversation > 0, status.encode());
    long assistantId = status.getLong("userId");
    JsonArray friends = api.get("/friends", ann.bearer()).array();
    assertTrue(friends.stream().anyMatch(f -> ((JsonObject) f).getJsonObject("user").getLong("id") == assistantId),
        "the assistant is a contact");

    Socket socket = Socket.connect(stack.vertx, stack.port, ann.bearer());
    sockets.add(socket);
    socket.sendAndAwaitAck(conversation, "q1", "Say hello", 5_000);
    List<String> streamed = new ArrayList<>();
    JsonObject answer = null;
    while (answer == null) {
      JsonObject frame = socket.next(5_000);
      if ("assistant.delta".equals(frame.getString("type"))) {
        streamed.add(frame.getString("text"));
      } else if ("message".equals(frame.getString("type"))
          && frame.getJsonObject("message").getLong("senderId") == assistantId) {
        answer = frame.getJsonObject("message");
      }
    }
    assertFalse(streamed.isEmpty(), "the answer streamed");
    assertTrue("Hello, world!".startsWith(streamed.get(0)), streamed.toString());
    assertEquals("Hello, world!", answer.getString("text"));
    assertEquals(List.of("Say hello", "Hello, world!"), texts(ann, conversation));
    assertEquals(List.of("q1", "assistant-" + answer.getLong("replyToId")), api.storedInOrder(ann, conversation));
    JsonObject sent = backend.requests.get(0).body();
    assertEquals("Say hello", last(sent.getJsonArray("messages")).getString("content"));
    assertEquals(2, api.get("/assistant", ann.bearer()).json().getInteger("remaining"));
  }

  @Test
  void overTheQuotaNothingReachesTheBackendAndTheUserIsToldWhenItResets() {
    Session bo = api.register("as");
    long conversation = api.get("/assistant", bo.bearer()).json().getLong("conversationId");
    Socket socket = Socket.connect(stack.vertx, stack.port, bo.bearer());
    sockets.add(socket);
    for (int i = 0; i < 3; i++) {
      socket.sendAndAwaitAck(conversation, "q" + i, "question " + i, 5_000);
      socket.nextOfType("message", 5_000);
      awaitAnswered(bo, conversation, 2 * (i + 1));
    }
    socket.sendAndAwaitAck(conversation, "q3", "one too many", 5_000);
    JsonObject error = socket.nextOfType("assistant.error", 5_000);
    assertEquals("assistant_quota_exceeded", error.getString("code"));
    assertNotNull(error.getString("resetsAt"));
    assertEquals(3, backend.requests.size());
    JsonObject status = api.get("/assistant", bo.bearer()).json();
    assertEquals(0, status.getInteger("remaining"));
    assertEquals(error.getString("resetsAt"), status.getString("resetsAt"));
  }

  @Test
  void aFailingBackendLeavesTheQuestionStoredAndNoHalfAnswerAndTheNextQuestionWorks() {
    Session cy = api.register("as");
    long conversation = api.get("/assistant", cy.bearer()).json().getLong("conversationId");
    Socket socket = Socket.connect(stack.vertx, stack.port, cy.bearer());
    sockets.add(socket);
    for (var failure : List.of(FakeOpenAi.Behaviour.DROP, FakeOpenAi.Behaviour.STALL, FakeOpenAi.Behaviour.STATUS)) {
      backend.behaviour = failure;
      backend.status = 500;
      backend.errorBody = FakeOpenAi.error("server_error", "boom");
      socket.sendAndAwaitAck(conversation, "f-" + failure, "question while " + failure, 5_000);
      JsonObject error = socket.nextOfType("assistant.error", 8_000);
      assertTrue(error.getString("code").startsWith("assistant_backend_"), error.encode());
      assertFalse(error.getString("message").isBlank());
    }
    assertEquals(3, api.get("/assistant", cy.bearer()).json().getInteger("remaining"),
        "questions the backend failed are given back");
    backend.behaviour = FakeOpenAi.Behaviour.ANSWER;
    socket.sendAndAwaitAck(conversation, "again", "and now?", 5_000);
    awaitAnswered(cy, conversation, 5);
    assertEquals(List.of("question while DROP", "question while STALL", "question while STATUS", "and now?",
        "Hello, world!"), texts(cy, conversation));
  }

  @Test
  void aSummaryCoversTheUnreadMessagesOfAConversationTheUserIsIn() {
    Session dee = api.register("as");
    Session eve = api.register("as");
    Session stranger = api.register("as");
    long pair = api.befriend(dee, eve);
    Socket eves = Socket.connect(stack.vertx, stack.port, eve.bearer());
    sockets.add(eves);
    eves.sendAndAwaitAck(pair, "u1", "Lunch at noon?", 5_000);
    eves.sendAndAwaitAck(pair, "u2", "At the usual place.", 5_000);

    assertEquals(404, api.post("/conversations/" + pair + "/summary", stranger.bearer(), null).status(),
        "only a member may have it summarised");
    Api.Reply badId = api.post("/conversations/not-a-number/summary", dee.bearer(), null);
    assertEquals(400, badId.status(), badId.text());
    assertEquals("invalid_request", badId.errorCode());
    assertEquals(401, api.post("/conversations/" + pair + "/summary", null, null).status());
    Api.Reply started = api.post("/conversations/" + pair + "/summary", dee.bearer(), null);
    assertEquals(202, started.status(), started.text());
    long own = api.get("/assistant", dee.bearer()).json().getLong("conversationId");
    awaitAnswered(dee, own, 1);
    String summary = texts(dee, own).get(0);
    assertTrue(summary.startsWith("Summary of " + eve.username() + ":\n\nHello, world!"), summary);
    String prompt = last(backend.requests.get(backend.requests.size() - 1).body().getJsonArray("messages"))
        .getString("content");
    assertTrue(prompt.contains("Lunch at noon?") && prompt.contains("At the usual place."), prompt);
    long quiet = api.befriend(dee, stranger);
    Api.Reply nothing = api.post("/conversations/" + quiet + "/summary", dee.bearer(), null);
    assertEquals(409, nothing.status(), "nothing unread");
    assertEquals("nothing_unread", nothing.errorCode());
  }

  @Test
  void aQuestionWhileAnAnswerIsBeingWrittenIsRefusedAsBusyAndNotCounted() {
    backend.pieceDelayMillis = 300;
    try {
      Session fay = api.register("as");
      long conversation = api.get("/assistant", fay.bearer()).json().getLong("conversationId");
      Socket socket = Socket.connect(stack.vertx, stack.port, fay.bearer());
      sockets.add(socket);
      socket.sendAndAwaitAck(conversation, "slow", "a long answer, please", 5_000);
      socket.nextOfType("assistant.delta", 5_000);
      JsonObject ack = socket.sendAndAwaitAck(conversation, "eager", "and another", 5_000);
      JsonObject busy = socket.nextOfType("assistant.error", 5_000);
      assertEquals("assistant_busy", busy.getString("code"));
      assertEquals(ack.getLong("messageId"), busy.getLong("replyTo"));
      assertTrue(api.get("/assistant", fay.bearer()).json().getBoolean("answering"));
      awaitAnswered(fay, conversation, 3);
      assertEquals(List.of("a long answer, please", "and another", "Hello, world!"), texts(fay, conversation));
      assertEquals(1, backend.requests.size(), "the refused question never reached the backend");
      JsonObject status = api.get("/assistant", fay.bearer()).json();
      assertEquals(2, status.getInteger("remaining"), "a refused question is not counted");
      assertFalse(status.getBoolean("answering"));
    } finally {
      backend.pieceDelayMillis = 5;
    }
  }

  @Test
  void theQuotaHoldsAcrossTwoInstancesAndTheirRestartAndEachQuestionIsAnsweredOnce() {
    stack.startService("assistant-2", ling.assistant.impl.AssistantVerticle::new);
    Session gus = api.register("as");
    long conversation = api.get("/assistant", gus.bearer()).json().getLong("conversationId");
    Socket socket = Socket.connect(stack.vertx, stack.port, gus.bearer());
    sockets.add(socket);
    long assistantId = api.get("/assistant", gus.bearer()).json().getLong("userId");
    for (int i = 0; i < 2; i++) {
      socket.sendAndAwaitAck(conversation, "q" + i, "question " + i, 5_000);
      // the other instance neither answers too nor turns the question away as "busy"
      List<String> seen = new ArrayList<>();
      JsonObject frame;
      do {
        frame = socket.next(5_000);
        seen.add(frame.getString("type"));
      } while (!("message".equals(frame.getString("type"))
          && frame.getJsonObject("message").getLong("senderId") == assistantId));
      assertFalse(seen.contains("assistant.error"), seen.toString());
      awaitAnswered(gus, conversation, 2 * (i + 1));
    }
    JsonObject late = null;
    try {
      late = socket.next(500);
    } catch (AssertionError quiet) {
      // nothing more came: as it should be
    }
    assertTrue(late == null || !"assistant.error".equals(late.getString("type")), String.valueOf(late));
    assertEquals(2, backend.requests.size(), "two instances heard each question; one answered it");

    stack.stopService("assistant-2");
    stack.restartService("assistant", ling.assistant.impl.AssistantVerticle::new);
    assertEquals(1, api.get("/assistant", gus.bearer()).json().getInteger("remaining"), "kept across the restart");
    socket.sendAndAwaitAck(conversation, "q2", "question 2", 5_000);
    awaitAnswered(gus, conversation, 6);
    socket.sendAndAwaitAck(conversation, "q3", "question 3", 5_000);
    assertEquals("assistant_quota_exceeded", socket.nextOfType("assistant.error", 5_000).getString("code"));
    assertEquals(3, backend.requests.size());
    assertEquals(List.of("q0", "assistant-" + messageId(gus, conversation, 0), "q1",
        "assistant-" + messageId(gus, conversation, 2), "q2", "assistant-" + messageId(gus, conversation, 4), "q3"),
        api.storedInOrder(gus, conversation), "every answer stored once");
  }

  @Test
  void theAssistantIsNobodysToRegisterRequestOrTakeIntoAGroup() {
    Session hal = api.register("as");
    Session ivy = api.register("as");
    api.befriend(hal, ivy);
    long assistantId = api.get("/assistant", hal.bearer()).json().getLong("userId");

    Api.Reply taken = api.post("/auth/register", new JsonObject().put("username", "Assistant")
        .put("password", "a long password"));
    assertEquals("username_taken", taken.errorCode(), taken.text());
    Api.Reply login = api.post("/auth/login", new JsonObject().put("username", "assistant")
        .put("password", FakeOpenAi.class.getSimpleName()));
    assertEquals(401, login.status(), "nobody signs in as the assistant");
    Api.Reply request = api.post("/friend-requests", ivy.bearer(), new JsonObject().put("toUserId", assistantId));
    assertEquals(403, request.status(), request.text());
    Api.Reply group = api.post("/groups", hal.bearer(), new JsonObject().put("name", "with a bot")
        .put("memberIds", new JsonArray().add(ivy.id()).add(assistantId)));
    assertEquals(400, group.status(), group.text());
    assertTrue(group.json().getJsonObject("error").getString("message").startsWith("memberIds"), group.text());
    assertEquals(0, api.get("/groups", hal.bearer()).array().size(), "nothing was made");
    assertEquals(0, backend.requests.size());
  }

  @Test
  void theApiKeyGoesToTheBackendAndNowhereElse() {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
        new ch.qos.logback.core.read.ListAppender<>();
    captured.start();
    root.addAppender(captured);
    try {
      // its start-up line, and a backend that refuses the key
      stack.restartService("assistant", ling.assistant.impl.AssistantVerticle::new);
      backend.behaviour = FakeOpenAi.Behaviour.STATUS;
      backend.status = 401;
      backend.errorBody = FakeOpenAi.error("invalid_api_key", "Incorrect API key provided: sk-test");
      Session kim = api.register("as");
      long conversation = api.get("/assistant", kim.bearer()).json().getLong("conversationId");
      Socket socket = Socket.connect(stack.vertx, stack.port, kim.bearer());
      sockets.add(socket);
      socket.sendAndAwaitAck(conversation, "k", "hello?", 5_000);
      JsonObject error = socket.nextOfType("assistant.error", 5_000);
      assertEquals("assistant_backend_unauthorized", error.getString("code"));
      assertFalse(error.encode().contains("sk-test"), "the backend's words are not passed on");
    } finally {
      root.detachAppender(captured);
    }
    assertEquals("Bearer sk-test", backend.requests.get(0).authorization());
    assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("apiKey=set")));
    captured.list.forEach(e -> assertFalse(e.getFormattedMessage().contains("sk-test"), e.getFormattedMessage()));
  }

  private long messageId(Session reader, long conversation, int index) {
    JsonArray page = api.get("/conversations/" + conversation + "/messages?afterSeq=0&limit=200", reader.bearer()).array();
    return page.getJsonObject(index).getLong("id");
  }

  private void awaitAnswered(Session user, long conversation, int messages) {
    long until = System.currentTimeMillis() + 10_000;
    while (api.storedInOrder(user, conversation).size() < messages) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("not answered: " + api.storedInOrder(user, conversation));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The texts of a conversation's messages, oldest first. */
  private List<String> texts(Session reader, long conversation) {
    JsonArray page = api.get("/conversations/" + conversation + "/messages?afterSeq=0&limit=200", reader.bearer()).array();
    return page.stream().map(m -> ((JsonObject) m).getString("text")).toList();
  }

  private static JsonObject last(JsonArray messages) {
    return messages.getJsonObject(messages.size() - 1);
  }

}
