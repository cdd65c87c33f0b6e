package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/** One account's sockets: only so many at once (a new one closes the oldest), and one rate for all. */
class AccountSocketLimitsTest extends OwnStackTest {

  @Override
  protected void adjust(JsonObject config) {
    config.getJsonObject("ws").put("maxSocketsPerUser", 3).put("maxFramesPerSecondPerUser", 20)
        .put("maxFramesPerSecond", 50);
  }

  @Test
  void aFourthSocketClosesTheOldest() {
    Session alice = api.register("devices");
    for (int i = 0; i < 4; i++) {
      sockets.add(Socket.connect(stack.vertx, stack.port, alice.bearer()));
      FriendsApiTest.ping(sockets.get(i));
    }
    assertEquals(4409, sockets.get(0).closeCode(5_000));
    for (Socket socket : sockets.subList(1, 4)) {
      FriendsApiTest.ping(socket);
      assertFalse(socket.closed.isDone());
    }
  }

  @Test
  void manySocketsShareTheAccountsFrameRate() {
    Session bob = api.register("rate");
    for (int i = 0; i < 3; i++) {
      sockets.add(Socket.connect(stack.vertx, stack.port, bob.bearer()));
    }
    // 3 × 15 frames within a second: under each socket's limit, over the account's 20
    for (int n = 0; n < 15; n++) {
      for (Socket socket : sockets) {
        socket.send(new JsonObject().put("type", "ping"));
      }
    }
    int pongs = 0;
    int limited = 0;
    for (Socket socket : sockets) {
      for (int n = 0; n < 15; n++) {
        JsonObject frame = socket.next(5_000);
        if ("pong".equals(frame.getString("type"))) {
          pongs++;
        } else if ("rate_limited".equals(frame.getJsonObject("error", new JsonObject()).getString("code"))) {
          limited++;
        }
      }
    }
    assertTrue(pongs <= 20, "answered " + pongs);
    assertEquals(45, pongs + limited);
    assertTrue(limited >= 25, "refused " + limited);
  }
}
