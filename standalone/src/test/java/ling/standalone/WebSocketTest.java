package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class WebSocketTest extends SharedStackTest {

  @Test
  void theUpgradeNeedsAValidToken() {
    assertRejected(null, "/api/v1/ws");
    assertRejected("Bearer nonsense", "/api/v1/ws");
    assertRejected(null, "/api/v1/ws?access_token=nonsense");
    Session s = api.register("wsq");
    try (Socket viaQuery = Socket.connect(stack.vertx, stack.port, "/api/v1/ws?access_token=" + s.accessToken(), null)) {
      viaQuery.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", viaQuery.next().getString("type"));
    }
    Reply plain = api.get("/ws", s.bearer());
    assertEquals(400, plain.status());
  }

  @Test
  void badFramesGetErrorFramesAndTheSocketStaysOpen() {
    Session s = api.register("wsbad");
    try (Socket socket = Socket.connect(stack.vertx, stack.port, s.bearer())) {
      socket.sendText("{not json");
      assertError(socket.next(), "invalid_request");
      socket.sendText("[1,2,3]");
      assertError(socket.next(), "invalid_request");
      socket.send(new JsonObject().put("nope", 1));
      assertError(socket.next(), "invalid_request");
      socket.send(new JsonObject().put("type", 7));
      assertError(socket.next(), "invalid_request");
      socket.send(new JsonObject().put("type", "launch.missiles").put("clientMsgId", "c-1"));
      JsonObject unknown = socket.next();
      assertError(unknown, "invalid_request");
      assertEquals("c-1", unknown.getString("ref"));
      socket.ws.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3})).await();
      assertError(socket.next(), "invalid_request");

      socket.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", socket.next().getString("type"));
    }
  }

  @Test
  void anOverLongFrameGetsAnErrorFrameAndAFarTooLongOneEndsTheConnection() {
    Session s = api.register("wsbig");
    try (Socket socket = Socket.connect(stack.vertx, stack.port, s.bearer())) {
      // 64 KiB of 3-byte characters is under 64 Ki chars but over 64 KiB
      socket.send(new JsonObject().put("type", "ping").put("pad", "界".repeat(22_000)));
      assertError(socket.next(), "too_large");
      socket.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", socket.next().getString("type"));

      socket.ws.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame(
          new JsonObject().put("type", "ping").put("pad", "x".repeat(300_000)).encode(), true));
      short code = socket.closeCode(5_000);
      assertTrue(code == 1009 || code == 1006, "close code " + code);
    }
  }

  @Test
  void aFloodOfFramesIsRefusedThenClosedWith4429() {
    Session s = api.register("wsflood");
    try (Socket socket = Socket.connect(stack.vertx, stack.port, s.bearer())) {
      for (int i = 0; i < 200 && !socket.closed.isDone(); i++) {
        socket.ws.writeTextMessage("{\"type\":\"ping\"}");
      }
      assertEquals(4429, socket.closeCode(5_000));
      // the frames over the rate were answered with rate_limited errors before the close
      boolean refused = false;
      try {
        for (int i = 0; i < 200 && !refused; i++) {
          JsonObject frame = socket.next(1_000);
          refused = "error".equals(frame.getString("type"))
              && "rate_limited".equals(frame.getJsonObject("error").getString("code"));
        }
      } catch (AssertionError noMoreFrames) {
        // checked below
      }
      assertTrue(refused, "no rate_limited error frame");
    }
  }

  @Test
  void eventsForAUserReachEveryOneOfTheirSocketsAndNobodyElse() {
    Session alice = api.register("wsa");
    Session bob = api.register("wsb");
    try (Socket laptop = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket phone = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket other = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      // a round trip on each socket proves it is registered before the event is published
      for (Socket socket : new Socket[] {laptop, phone, other}) {
        socket.send(new JsonObject().put("type", "ping"));
        assertEquals("pong", socket.next().getString("type"));
      }
      JsonObject event = new JsonObject().put("type", "friend.request").put("request", new JsonObject().put("id", 1));
      new ling.common.push.PushPublisher(stack.vertx, 3).publish(alice.id(), event);
      assertEquals(event, laptop.next());
      assertEquals(event, phone.next());
      other.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", other.next().getString("type"), "bob must not see alice's event");
    }
  }

  @Test
  void silentSocketsAreClosedWith4408() {
    try (TestStack quick = TestStack.start(c -> c.getJsonObject("ws").put("idleSeconds", 1));
         Api local = new Api(quick.vertx, quick.port)) {
      Session s = local.register("idle");
      try (Socket silent = Socket.connect(quick.vertx, quick.port, s.bearer());
           Socket chatty = Socket.connect(quick.vertx, quick.port, s.bearer())) {
        long started = System.currentTimeMillis();
        while (!silent.closed.isDone() && System.currentTimeMillis() - started < 5_000) {
          chatty.send(new JsonObject().put("type", "ping"));
          assertEquals("pong", chatty.next().getString("type"));
          sleep(200);
        }
        assertEquals(4408, silent.closeCode(1_000));
        assertTrue(!chatty.closed.isDone(), "a socket that speaks stays open");
      }
    }
  }

  private void assertRejected(String bearer, String uri) {
    Throwable error = assertThrows(Throwable.class, () -> Socket.connect(stack.vertx, stack.port, uri, bearer));
    assertTrue(error instanceof UpgradeRejectedException, error.toString());
    assertEquals(401, ((UpgradeRejectedException) error).getStatus());
  }

  private static void assertError(JsonObject frame, String code) {
    assertEquals("error", frame.getString("type"), frame.encode());
    assertEquals(code, frame.getJsonObject("error").getString("code"));
    assertTrue(frame.getJsonObject("error").getString("message").length() > 0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
