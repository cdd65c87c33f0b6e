package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class FriendsApiTest extends SharedStackTest {

  @Test
  void requestAcceptIntoAFolderAndBothSidesAreTold() {
    Session alice = api.register("alice");
    Session bob = api.register("bob");
    try (Socket aliceSocket = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(aliceSocket);
      ping(bobSocket);
      JsonArray found = api.get("/users/search?q=" + bob.username(), alice.bearer()).array();
      assertEquals(bob.id(), found.getJsonObject(0).getLong("id"));

      Reply sent = api.post("/friend-requests", alice.bearer(),
          new JsonObject().put("toUserId", bob.id()).put("message", "你好 👋 it's Alice"));
      assertEquals(201, sent.status(), sent.text());
      JsonObject request = sent.json();
      // Bob is online, but a stranger's request does not tell Alice so
      assertEquals(false, request.getJsonObject("to").getBoolean("online"));
      assertEquals("pending", request.getString("status"));
      assertEquals(alice.id(), request.getJsonObject("from").getLong("id"));
      assertEquals(bob.id(), request.getJsonObject("to").getLong("id"));

      JsonObject event = nextOfType(bobSocket, "friend.request");
      assertEquals(request.getLong("id"), event.getJsonObject("request").getLong("id"));
      assertEquals("你好 👋 it's Alice", event.getJsonObject("request").getString("message"));

      assertEquals(List.of(request.getLong("id")), ids(api.get("/friend-requests?box=incoming", bob.bearer()).array()));
      assertEquals(List.of(request.getLong("id")), ids(api.get("/friend-requests?box=outgoing", alice.bearer()).array()));
      assertEquals(List.of(), ids(api.get("/friend-requests?box=incoming", alice.bearer()).array()));

      long colleagues = api.post("/friend-groups", bob.bearer(), new JsonObject().put("name", "Colleagues 同事"))
          .json().getLong("id");
      Reply accepted = api.post("/friend-requests/" + request.getLong("id") + "/accept", bob.bearer(),
          new JsonObject().put("groupId", colleagues).put("remark", "Alice from work"));
      assertEquals(200, accepted.status(), accepted.text());
      JsonObject friend = accepted.json().getJsonObject("friend");
      assertEquals(alice.id(), friend.getJsonObject("user").getLong("id"));
      assertEquals("Alice from work", friend.getString("remark"));
      assertEquals(colleagues, friend.getLong("groupId"));
      long conversationId = friend.getLong("conversationId");
      assertTrue(conversationId > 0);

      JsonObject bobSees = nextOfType(bobSocket, "friend.added").getJsonObject("friend");
      assertEquals(friend, bobSees);
      JsonObject aliceSees = nextOfType(aliceSocket, "friend.added").getJsonObject("friend");
      assertEquals(bob.id(), aliceSees.getJsonObject("user").getLong("id"));
      assertEquals(conversationId, aliceSees.getLong("conversationId"));
      assertNull(aliceSees.getString("remark"));
      assertEquals(defaultFolder(alice), aliceSees.getLong("groupId"));

      assertEquals(List.of(alice.id()), friendIds(bob));
      assertEquals(List.of(bob.id()), friendIds(alice));
      assertEquals(List.of(), ids(api.get("/friend-requests?box=incoming", bob.bearer()).array()));
    }
  }

  @Test
  void requestsThatMakeNoSenseAreRefused() {
    Session alice = api.register("ra");
    Session bob = api.register("rb");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", alice.id())),
        409, "self_request");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", 999_999_999L)),
        404, "not_found");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", "bob")),
        400, "invalid_request");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject()), 400, "invalid_request");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", bob.id())
        .put("message", "x".repeat(201))), 400, "invalid_request");
    assertEquals(401, api.post("/friend-requests", null, new JsonObject().put("toUserId", bob.id())).status());

    assertEquals(201, api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", bob.id())).status());
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", bob.id())),
        409, "request_pending");
    assertError(api.post("/friend-requests", bob.bearer(), new JsonObject().put("toUserId", alice.id())),
        409, "request_pending");
    long requestId = api.get("/friend-requests?box=incoming", bob.bearer()).array().getJsonObject(0).getLong("id");
    assertEquals(200, api.post("/friend-requests/" + requestId + "/accept", bob.bearer(), null).status());
    assertError(api.post("/friend-requests/" + requestId + "/accept", bob.bearer(), null), 409, "request_closed");
    assertError(api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", bob.id())),
        409, "already_friends");
    assertError(api.get("/friend-requests?box=sideways", alice.bearer()), 400, "invalid_request");
  }

  @Test
  void nobodyActsOnSomeoneElsesRequestsFriendsOrFolders() {
    Session alice = api.register("oa");
    Session bob = api.register("ob");
    Session mallory = api.register("om");
    long requestId = api.post("/friend-requests", alice.bearer(), new JsonObject().put("toUserId", bob.id()))
        .json().getLong("id");
    assertError(api.post("/friend-requests/" + requestId + "/accept", mallory.bearer(), null), 404, "not_found");
    assertError(api.post("/friend-requests/" + requestId + "/reject", mallory.bearer(), null), 404, "not_found");
    assertError(api.post("/friend-requests/" + requestId + "/accept", alice.bearer(), null), 404, "not_found");
    long bobsFolder = api.post("/friend-groups", bob.bearer(), new JsonObject().put("name", "Close")).json().getLong("id");
    // a folder of someone else's cannot be the target of an accept either
    long mallorysFolder = api.post("/friend-groups", mallory.bearer(), new JsonObject().put("name", "Mine"))
        .json().getLong("id");
    assertError(api.post("/friend-requests/" + requestId + "/accept", bob.bearer(),
        new JsonObject().put("groupId", mallorysFolder)), 400, "invalid_request");
    assertEquals(200, api.post("/friend-requests/" + requestId + "/accept", bob.bearer(),
        new JsonObject().put("groupId", bobsFolder)).status());

    assertError(api.patch("/friends/" + alice.id(), mallory.bearer(), new JsonObject().put("remark", "x")),
        404, "not_found");
    assertError(api.call(HttpMethod.DELETE, "/friends/" + alice.id(), mallory.bearer(), null), 404, "not_found");
    assertError(api.patch("/friend-groups/" + bobsFolder, mallory.bearer(), new JsonObject().put("name", "Pwned")),
        404, "not_found");
    assertError(api.call(HttpMethod.DELETE, "/friend-groups/" + bobsFolder, mallory.bearer(), null), 404, "not_found");
    assertError(api.patch("/friends/" + alice.id(), bob.bearer(), new JsonObject().put("groupId", mallorysFolder)),
        400, "invalid_request");

    // nothing of Bob's changed
    JsonObject folder = folders(bob).stream().filter(f -> f.getLong("id") == bobsFolder).findFirst().orElseThrow();
    assertEquals("Close", folder.getString("name"));
    assertEquals(1, folder.getInteger("friendCount"));
    assertEquals(List.of(alice.id()), friendIds(bob));
    assertEquals(List.of(), friendIds(mallory));
  }

  @Test
  void remarksAndFoldersAreOrganisedByTheirOwnerOnly() {
    Session alice = api.register("fa");
    Session bob = api.register("fb");
    api.befriend(alice, bob);
    long family = api.post("/friend-groups", alice.bearer(), new JsonObject().put("name", "Family 家人")).json()
        .getLong("id");

    Reply moved = api.patch("/friends/" + bob.id(), alice.bearer(),
        new JsonObject().put("groupId", family).put("remark", "弟弟 🧒"));
    assertEquals(200, moved.status(), moved.text());
    assertEquals(family, moved.json().getLong("groupId"));
    assertEquals("弟弟 🧒", moved.json().getString("remark"));
    // Bob's view of Alice is his own
    JsonObject bobsView = api.get("/friends", bob.bearer()).array().getJsonObject(0);
    assertNull(bobsView.getString("remark"));
    assertEquals(defaultFolder(bob), bobsView.getLong("groupId"));

    assertNull(api.patch("/friends/" + bob.id(), alice.bearer(), new JsonObject().putNull("remark")).json()
        .getString("remark"));
    assertError(api.patch("/friends/" + bob.id(), alice.bearer(), new JsonObject().put("remark", "x".repeat(65))),
        400, "invalid_request");
    assertError(api.patch("/friends/" + bob.id(), alice.bearer(), new JsonObject().put("nickname", "x")),
        400, "invalid_request");
    assertError(api.patch("/friends/" + bob.id(), alice.bearer(), new JsonObject().put("groupId", "family")),
        400, "invalid_request");

    // names are unique per user regardless of case; the default folder stays
    assertError(api.post("/friend-groups", alice.bearer(), new JsonObject().put("name", "family 家人")),
        409, "folder_exists");
    assertError(api.post("/friend-groups", alice.bearer(), new JsonObject().put("name", "  ")), 400, "invalid_request");
    assertError(api.post("/friend-groups", alice.bearer(), new JsonObject().put("name", "x".repeat(33))),
        400, "invalid_request");
    long defaultId = defaultFolder(alice);
    assertError(api.patch("/friend-groups/" + family, alice.bearer(),
        new JsonObject().put("name", folders(alice).get(0).getString("name"))), 409, "folder_exists");
    assertError(api.call(HttpMethod.DELETE, "/friend-groups/" + defaultId, alice.bearer(), null), 409, "default_folder");
    Reply renamed = api.patch("/friend-groups/" + defaultId, alice.bearer(), new JsonObject().put("name", "我的好友"));
    assertEquals(200, renamed.status());
    assertTrue(renamed.json().getBoolean("isDefault"));

    // deleting a folder moves its friends to the default one
    assertEquals(204, api.call(HttpMethod.DELETE, "/friend-groups/" + family, alice.bearer(), null).status());
    assertEquals(defaultId, api.get("/friends", alice.bearer()).array().getJsonObject(0).getLong("groupId"));
    assertEquals(List.of(defaultId), folders(alice).stream().map(f -> f.getLong("id")).toList());
    assertError(api.call(HttpMethod.DELETE, "/friend-groups/" + family, alice.bearer(), null), 404, "not_found");
  }

  @Test
  void rejectionIsSilentAndAllowsAnotherRequestLater() {
    Session carol = api.register("rc");
    Session dave = api.register("rd");
    long requestId = api.post("/friend-requests", carol.bearer(), new JsonObject().put("toUserId", dave.id()))
        .json().getLong("id");
    assertEquals(204, api.post("/friend-requests/" + requestId + "/reject", dave.bearer(), null).status());
    assertError(api.post("/friend-requests/" + requestId + "/reject", dave.bearer(), null), 409, "request_closed");
    assertEquals(List.of(), ids(api.get("/friend-requests?box=outgoing", carol.bearer()).array()));
    assertEquals(201, api.post("/friend-requests", carol.bearer(), new JsonObject().put("toUserId", dave.id())).status());
  }

  @Test
  void manyUsersBefriendingOneUserAtOnceAllSucceed() {
    Session hub = api.register("hub");
    List<Session> others = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      others.add(api.register("hub" + i));
    }
    // every request is sent and accepted at once: half of them to the hub, half by it
    List<Future<Reply>> accepted = new ArrayList<>();
    for (int i = 0; i < others.size(); i++) {
      boolean byHub = i % 2 == 0;
      Session from = byHub ? hub : others.get(i);
      Session to = byHub ? others.get(i) : hub;
      accepted.add(api.callAsync(HttpMethod.POST, "/friend-requests", from.bearer(),
              new JsonObject().put("toUserId", to.id()))
          .compose(sent -> sent.status() != 201 ? Future.succeededFuture(sent)
              : api.callAsync(HttpMethod.POST, "/friend-requests/" + sent.json().getLong("id") + "/accept",
                  to.bearer(), null)));
    }
    Future.join(accepted).await();
    for (Future<Reply> reply : accepted) {
      assertEquals(200, reply.result().status(), reply.result().text());
    }
    assertEquals(others.stream().map(Session::id).sorted().toList(), friendIds(hub).stream().sorted().toList());
    for (Session other : others) {
      assertEquals(List.of(hub.id()), friendIds(other));
    }
  }

  @Test
  void removingAFriendTellsBothAndBefriendingAgainKeepsTheConversation() {
    Session erin = api.register("re");
    Session frank = api.register("rf");
    long conversationId = api.befriend(erin, frank);
    try (Socket erinSocket = Socket.connect(stack.vertx, stack.port, erin.bearer());
         Socket frankSocket = Socket.connect(stack.vertx, stack.port, frank.bearer())) {
      ping(erinSocket);
      ping(frankSocket);
      assertEquals(204, api.call(HttpMethod.DELETE, "/friends/" + frank.id(), erin.bearer(), null).status());
      assertEquals(frank.id(), nextOfType(erinSocket, "friend.removed").getLong("userId"));
      assertEquals(erin.id(), nextOfType(frankSocket, "friend.removed").getLong("userId"));
    }
    assertEquals(List.of(), friendIds(erin));
    assertEquals(List.of(), friendIds(frank));
    assertError(api.call(HttpMethod.DELETE, "/friends/" + frank.id(), erin.bearer(), null), 404, "not_found");
    assertEquals(conversationId, api.befriend(frank, erin));
  }


  private long defaultFolder(Session s) {
    return folders(s).stream().filter(f -> f.getBoolean("isDefault")).findFirst().orElseThrow().getLong("id");
  }

  private List<JsonObject> folders(Session s) {
    Reply reply = api.get("/friend-groups", s.bearer());
    assertEquals(200, reply.status());
    return reply.array().stream().map(o -> (JsonObject) o).toList();
  }

  private List<Long> friendIds(Session s) {
    return api.get("/friends", s.bearer()).array().stream()
        .map(o -> ((JsonObject) o).getJsonObject("user").getLong("id")).toList();
  }

  private static List<Long> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  static JsonObject nextOfType(Socket socket, String type) {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = socket.next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + type + " frame");
  }

  /** A round trip: once it returns, the socket is registered everywhere. Events before the pong are skipped. */
  static void ping(Socket socket) {
    socket.send(new JsonObject().put("type", "ping"));
    nextOfType(socket, "pong");
  }

  /** A round trip that proves no event of that type was waiting (others may be). */
  static void pingExpectingNo(Socket socket, String type) {
    socket.send(new JsonObject().put("type", "ping"));
    for (int i = 0; i < 20; i++) {
      JsonObject frame = socket.next();
      if ("pong".equals(frame.getString("type"))) {
        return;
      }
      assertTrue(!type.equals(frame.getString("type")), "unexpected " + frame.encode());
    }
    throw new AssertionError("no pong");
  }

  /** A round trip that also proves no event was waiting. */
  static void pingWithNothingBefore(Socket socket) {
    socket.send(new JsonObject().put("type", "ping"));
    assertEquals("pong", socket.next().getString("type"));
  }

  private static void assertError(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply.text());
    assertEquals(code, reply.errorCode(), reply.text());
  }
}
