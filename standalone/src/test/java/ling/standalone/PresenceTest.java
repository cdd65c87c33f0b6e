package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import ling.api.account.AccountService;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a stack of its own with a fast heartbeat and node timeout. */
class PresenceTest {

  private TestStack stack;
  private Api api;

  @BeforeEach
  void start() {
    stack = TestStack.start(config -> config.getJsonObject("presence")
        .put("heartbeatSeconds", 1).put("nodeTimeoutSeconds", 3));
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stop() {
    api.close();
    stack.close();
  }

  @Test
  void friendsHearTheFirstConnectAndTheLastDisconnectOnly() {
    Session alice = api.register("pa");
    Session bob = api.register("pb");
    Session stranger = api.register("ps");
    api.befriend(alice, bob);
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer());
         Socket strangerSocket = Socket.connect(stack.vertx, stack.port, stranger.bearer())) {
      ping(bobSocket);
      Socket laptop = Socket.connect(stack.vertx, stack.port, alice.bearer());
      assertEquals(new JsonObject().put("type", "presence").put("userId", alice.id()).put("online", true),
          nextOfType(bobSocket, "presence"));
      assertTrue(online(bob, alice), "a friend sees Alice online");
      assertFalse(online(stranger, alice), "a stranger does not");
      assertTrue(api.get("/friends", bob.bearer()).array().getJsonObject(0).getJsonObject("user").getBoolean("online"));

      Socket phone = Socket.connect(stack.vertx, stack.port, alice.bearer());
      ping(phone);
      laptop.close();
      // neither the second socket nor closing one of two is news
      ping(phone);
      FriendsApiTest.pingWithNothingBefore(bobSocket);
      phone.close();
      assertEquals(new JsonObject().put("type", "presence").put("userId", alice.id()).put("online", false),
          nextOfType(bobSocket, "presence"));
      assertFalse(online(bob, alice));
      // the stranger never heard anything
      FriendsApiTest.pingWithNothingBefore(strangerSocket);
    }
  }

  @Test
  void aGatewayNodeThatFallsSilentTakesItsUsersOffline() {
    Session alice = api.register("ga");
    Session bob = api.register("gb");
    api.befriend(alice, bob);
    AccountService accounts = AccountService.createProxy(stack.vertx);
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(bobSocket);
      // a gateway reports Alice's socket, then dies without a word
      accounts.presenceReport("node-that-dies", List.of(alice.id()), List.of()).await();
      assertTrue(nextOfType(bobSocket, "presence").getBoolean("online"));
      long diedAt = System.currentTimeMillis();
      JsonObject offline = bobSocket.nextOfType("presence", 10_000);
      assertFalse(offline.getBoolean("online"));
      assertTrue(System.currentTimeMillis() - diedAt < 8_000, "offline within the timeout");
      assertFalse(online(bob, alice));
    }
  }

  @Test
  void aHeartbeatRepairsAPresenceReportThatWasLost() {
    Session alice = api.register("ha");
    Session bob = api.register("hb");
    api.befriend(alice, bob);
    AccountService accounts = AccountService.createProxy(stack.vertx);
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(bobSocket);
      // the node's "opened" never arrived; its heartbeat names Alice all the same
      accounts.nodeHeartbeat("node-with-lost-report", List.of(alice.id())).await();
      assertTrue(nextOfType(bobSocket, "presence").getBoolean("online"));
      assertTrue(online(bob, alice));
    }
  }

  private boolean online(Session viewer, Session user) {
    return api.get("/users/" + user.id(), viewer.bearer()).json().getBoolean("online");
  }

}
