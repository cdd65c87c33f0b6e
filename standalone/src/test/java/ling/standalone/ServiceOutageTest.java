package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import ling.chat.impl.ChatVerticle;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service that is away: requests say "unavailable" (not an internal error), and a retry works once it is back. */
class ServiceOutageTest {

  private TestStack stack;
  private Api api;

  @BeforeEach
  void start() {
    stack = TestStack.start(config -> { });
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stop() {
    api.close();
    stack.close();
  }

  @Test
  void sendsWhileTheChatServiceIsAwayAreRefusedAsUnavailableAndTheRetryIsStoredOnce() {
    Session alice = api.register("outage");
    Session bob = api.register("patient");
    long conversation = api.befriend(alice, bob);
    try (Socket socket = Socket.connect(stack.vertx, stack.port, alice.bearer())) {
      ping(socket);
      stack.stopService("chat");

      JsonObject frame = new JsonObject().put("type", "send").put("clientMsgId", "retry-1")
          .put("conversationId", conversation).put("kind", "text").put("text", "are you there?");
      socket.send(frame);
      JsonObject error = nextOfType(socket, "error");
      assertEquals("retry-1", error.getString("ref"));
      assertEquals("unavailable", error.getJsonObject("error").getString("code"));
      Api.Reply posted = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
          .put("clientMsgId", "retry-2").put("kind", "text").put("text", "over HTTP"));
      assertEquals(503, posted.status(), posted.text());
      assertEquals("unavailable", posted.errorCode());

      stack.startService("chat", ChatVerticle::new);
      socket.send(frame);
      assertEquals(1, nextOfType(socket, "ack").getLong("seq"));
      socket.send(frame);
      assertEquals(1, nextOfType(socket, "ack").getLong("seq"));
      assertEquals(1, api.get("/conversations/" + conversation + "/messages", alice.bearer()).array().size());
    }
  }
}
