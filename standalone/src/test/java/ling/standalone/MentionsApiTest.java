package ling.standalone;

import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class MentionsApiTest extends SharedStackTest {

  private record Group(long id, long conversationId) {
  }

  private Group group(Session owner, Session... members) {
    JsonArray ids = new JsonArray();
    for (Session member : members) {
      api.befriend(owner, member);
      ids.add(member.id());
    }
    JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "Mentions " + owner.id())
        .put("memberIds", ids)).json();
    return new Group(group.getLong("id"), group.getLong("conversationId"));
  }

  private Reply send(Session sender, long conversationId, JsonObject fields) {
    return api.post("/conversations/" + conversationId + "/messages", sender.bearer(),
        new JsonObject().put("clientMsgId", UUID.randomUUID().toString()).put("kind", "text").put("text", "hi @you")
            .mergeIn(fields));
  }

  private JsonObject row(Session reader, long conversationId) {
    return api.get("/conversations", reader.bearer()).array().stream().map(JsonObject.class::cast)
        .filter(c -> c.getLong("id") == conversationId).findFirst().orElseThrow();
  }

  private static List<Long> ids(JsonArray array) {
    return array.stream().map(id -> ((Number) id).longValue()).toList();
  }

  @Test
  void aMentionTravelsWithTheMessageAndMarksTheConversationOfWhomItNames() {
    Session owner = api.register("mo");
    Session bob = api.register("mb");
    Session carol = api.register("mc");
    Group group = group(owner, bob, carol);
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(bobSocket);
      // repeated ids are kept once, in the order given
      Reply sent = send(carol, group.conversationId(), new JsonObject()
          .put("text", "@bob look").put("mentions", new JsonArray().add(bob.id()).add(owner.id()).add(bob.id())));
      assertEquals(201, sent.status(), sent.text());
      assertEquals(List.of(bob.id(), owner.id()), ids(sent.json().getJsonArray("mentions")));
      assertNull(sent.json().getValue("mentionAll"));
      JsonObject pushed = bobSocket.nextOfType("message", 5000).getJsonObject("message");
      assertEquals(List.of(bob.id(), owner.id()), ids(pushed.getJsonArray("mentions")));

      // a message without mentions carries none
      JsonObject plain = send(carol, group.conversationId(), new JsonObject().put("text", "no one")).json();
      assertNull(plain.getValue("mentions"));

      JsonArray history = api.get("/conversations/" + group.conversationId() + "/messages", bob.bearer()).array();
      JsonObject stored = history.stream().map(JsonObject.class::cast)
          .filter(m -> m.getLong("id").equals(sent.json().getLong("id"))).findFirst().orElseThrow();
      assertEquals(List.of(bob.id(), owner.id()), ids(stored.getJsonArray("mentions")));

      // sent again, it is the same message and the same mention
      Reply again = api.post("/conversations/" + group.conversationId() + "/messages", carol.bearer(),
          new JsonObject().put("clientMsgId", sent.json().getString("clientMsgId")).put("kind", "text")
              .put("text", "@bob look").put("mentions", new JsonArray().add(bob.id())));
      assertEquals(sent.json().getLong("id"), again.json().getLong("id"));
      assertEquals(1, row(bob, group.conversationId()).getInteger("unreadMentions"));
      assertEquals(1, row(owner, group.conversationId()).getInteger("unreadMentions"));
      assertEquals(0, row(carol, group.conversationId()).getInteger("unreadMentions"));

      // reading past it clears it for the reader only
      assertEquals(204, api.post("/conversations/" + group.conversationId() + "/read", bob.bearer(),
          new JsonObject().put("seq", plain.getLong("seq"))).status());
      assertEquals(0, row(bob, group.conversationId()).getInteger("unreadMentions"));
      assertEquals(1, row(owner, group.conversationId()).getInteger("unreadMentions"));

      // a recalled mention no longer counts
      assertEquals(204, api.call(HttpMethod.DELETE, "/conversations/" + group.conversationId() + "/messages/"
          + sent.json().getLong("id"), carol.bearer(), null).status());
      assertEquals(0, row(owner, group.conversationId()).getInteger("unreadMentions"));
      JsonArray after = api.get("/conversations/" + group.conversationId() + "/messages", owner.bearer()).array();
      assertTrue(after.stream().map(JsonObject.class::cast)
          .filter(m -> m.getLong("id").equals(sent.json().getLong("id")))
          .allMatch(m -> m.getValue("mentions") == null && m.getValue("text") == null));
    }
  }

  @Test
  void onlyTheOwnerAndAdminsMentionEveryone() {
    Session owner = api.register("ao");
    Session admin = api.register("aa");
    Session member = api.register("am");
    Group group = group(owner, admin, member);
    api.patch("/groups/" + group.id() + "/members/" + admin.id(), owner.bearer(), new JsonObject().put("role", "admin"));

    Reply refused = send(member, group.conversationId(), new JsonObject().put("mentionAll", true));
    assertEquals(403, refused.status(), refused.text());
    assertEquals("forbidden", refused.errorCode());

    Reply byOwner = send(owner, group.conversationId(), new JsonObject().put("text", "@all meeting")
        .put("mentionAll", true));
    assertEquals(201, byOwner.status(), byOwner.text());
    assertEquals(true, byOwner.json().getBoolean("mentionAll"));
    assertEquals(1, row(member, group.conversationId()).getInteger("unreadMentions"));
    assertEquals(1, row(admin, group.conversationId()).getInteger("unreadMentions"));
    // the sender's own message is read by them
    assertEquals(0, row(owner, group.conversationId()).getInteger("unreadMentions"));

    Reply byAdmin = send(admin, group.conversationId(), new JsonObject().put("mentionAll", true)
        .put("mentions", new JsonArray().add(member.id())));
    assertEquals(201, byAdmin.status(), byAdmin.text());
    // named and everyone in one message count once
    assertEquals(2, row(member, group.conversationId()).getInteger("unreadMentions"));

    // the same over the socket
    try (Socket socket = Socket.connect(stack.vertx, stack.port, member.bearer())) {
      ping(socket);
      socket.send(new JsonObject().put("type", "send").put("clientMsgId", "all-" + member.id())
          .put("conversationId", group.conversationId()).put("kind", "text").put("text", "@all").put("mentionAll", true));
      JsonObject error = socket.nextOfType("error", 5000);
      assertEquals("all-" + member.id(), error.getString("ref"));
      assertEquals("forbidden", error.getJsonObject("error").getString("code"));
    }
    // nothing was stored of the refused sends
    assertEquals(List.of("@all meeting", "hi @you"), api.get("/conversations/" + group.conversationId()
        + "/messages", owner.bearer()).array().stream().map(JsonObject.class::cast)
        .filter(m -> "text".equals(m.getString("kind"))).map(m -> m.getString("text")).toList());
  }

  @Test
  void mentionsThatNameTheWrongPeopleOrComeInTheWrongShapeAreRefused() {
    Session owner = api.register("wo");
    Session bob = api.register("wb");
    Session outsider = api.register("wx");
    Group group = group(owner, bob);
    long direct = api.befriend(owner, outsider);
    List<Object> wrong = List.of(
        // not a member, the sender, a direct conversation, a file message
        new JsonObject().put("mentions", new JsonArray().add(outsider.id())),
        new JsonObject().put("mentions", new JsonArray().add(owner.id())),
        new JsonObject().put("mentions", new JsonArray().add(bob.id()).add(999_999_999L)),
        // shapes
        new JsonObject().put("mentions", new JsonArray().add("bob")),
        new JsonObject().put("mentions", new JsonArray().add(0)),
        new JsonObject().put("mentions", new JsonArray().add(-3)),
        new JsonObject().put("mentions", new JsonArray().add(1.5)),
        new JsonObject().put("mentions", "everyone"),
        new JsonObject().put("mentions", new JsonObject()),
        new JsonObject().put("mentionAll", "yes"),
        new JsonObject().put("mentionAll", 1),
        new JsonObject().put("mentions", new JsonArray(java.util.Collections.nCopies(51, bob.id()))),
        new JsonObject().put("mentions", new JsonArray(java.util.Collections.nCopies(501, bob.id()))),
        new JsonObject().put("kind", "image").put("fileId", 1).put("mentions", new JsonArray().add(bob.id())));
    for (Object fields : wrong) {
      Reply reply = send(owner, group.conversationId(), (JsonObject) fields);
      assertEquals(400, reply.status(), fields + " → " + reply.text());
      assertEquals("invalid_request", reply.errorCode(), fields + " → " + reply.text());
    }
    Reply inDirect = send(owner, direct, new JsonObject().put("mentions", new JsonArray().add(outsider.id())));
    assertEquals(400, inDirect.status(), inDirect.text());
    assertEquals(400, send(owner, direct, new JsonObject().put("mentionAll", true)).status());
    // an outsider cannot learn who is in the group by mentioning: the conversation is not theirs
    assertEquals(404, send(outsider, group.conversationId(), new JsonObject()
        .put("mentions", new JsonArray().add(bob.id()))).status());
    // an explicit empty list and false are no mention at all
    Reply none = send(owner, group.conversationId(), new JsonObject().put("mentions", new JsonArray())
        .put("mentionAll", false));
    assertEquals(201, none.status(), none.text());
    assertNull(none.json().getValue("mentions"));
    assertEquals(0, row(bob, group.conversationId()).getInteger("unreadMentions"));
    assertEquals(1, api.get("/conversations/" + group.conversationId() + "/messages", bob.bearer()).array().stream()
        .map(JsonObject.class::cast).filter(m -> "text".equals(m.getString("kind"))).count());
  }
}
