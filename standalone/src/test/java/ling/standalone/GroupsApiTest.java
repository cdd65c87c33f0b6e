package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import ling.api.account.AccountEvents;
import ling.common.TestDatabase;
import ling.common.db.Database;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class GroupsApiTest extends SharedStackTest {

  @Test
  void aGroupIsBuiltWithRolesNicknamesAndInvitesAndEveryoneHearsOfIt() throws Exception {
    Session owner = api.register("go");
    Session bob = api.register("gb");
    Session carol = api.register("gc");
    api.befriend(owner, bob);
    api.befriend(owner, carol);
    LinkedBlockingQueue<JsonObject> domain = new LinkedBlockingQueue<>();
    MessageConsumer<JsonObject> listener = stack.vertx.eventBus().consumer(AccountEvents.GROUP_CHANGED,
        m -> domain.add(m.body()));
    listener.completion().await();
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer());
         Socket carolSocket = Socket.connect(stack.vertx, stack.port, carol.bearer())) {
      ping(bobSocket);
      ping(carolSocket);
      Reply created = api.post("/groups", owner.bearer(), new JsonObject().put("name", "周末登山 ⛰️")
          .put("memberIds", new JsonArray().add(bob.id())).put("joinPolicy", "approval"));
      assertEquals(201, created.status(), created.text());
      JsonObject group = created.json();
      long groupId = group.getLong("id");
      assertEquals("周末登山 ⛰️", group.getString("name"));
      assertEquals(owner.id(), group.getLong("ownerId"));
      assertEquals(2, group.getInteger("memberCount"));
      assertEquals("approval", group.getString("joinPolicy"));
      assertTrue(group.getLong("conversationId") > 0);
      assertEquals(groupId, nextOfType(bobSocket, "group.updated").getJsonObject("group").getLong("id"));
      JsonObject createdEvent = domain.poll(5, TimeUnit.SECONDS);
      assertEquals("created", createdEvent.getString("what"));
      assertEquals(group.getLong("conversationId"), createdEvent.getLong("conversationId"));

      // a member invites the owner's friend? no: only their own friends
      assertEquals(400, api.post("/groups/" + groupId + "/members", bob.bearer(),
          new JsonObject().put("userIds", new JsonArray().add(carol.id()))).status());
      Reply invited = api.post("/groups/" + groupId + "/members", owner.bearer(),
          new JsonObject().put("userIds", new JsonArray().add(carol.id())));
      assertEquals(200, invited.status(), invited.text());
      assertEquals(carol.id(), invited.array().getJsonObject(0).getJsonObject("user").getLong("id"));
      assertEquals(carol.id(), nextOfType(bobSocket, "group.member_joined").getJsonObject("user").getLong("id"));
      assertEquals(groupId, nextOfType(carolSocket, "group.updated").getJsonObject("group").getLong("id"));
      assertTrue(isConversationMember(group.getLong("conversationId"), carol.id()));

      Reply promoted = api.patch("/groups/" + groupId + "/members/" + bob.id(), owner.bearer(),
          new JsonObject().put("role", "admin"));
      assertEquals("admin", promoted.json().getString("role"));
      // Bob is online, but Carol is not his friend: the event she gets does not tell
      JsonObject bobAsCarolSees = nextOfType(carolSocket, "group.member_updated").getJsonObject("member");
      assertEquals(bob.id(), bobAsCarolSees.getJsonObject("user").getLong("id"));
      assertEquals(false, bobAsCarolSees.getJsonObject("user").getBoolean("online"));
      assertEquals(403, api.patch("/groups/" + groupId + "/members/" + carol.id(), bob.bearer(),
          new JsonObject().put("role", "admin")).status());
      assertEquals(400, api.patch("/groups/" + groupId + "/members/" + carol.id(), owner.bearer(),
          new JsonObject().put("role", "king")).status());

      Reply named = api.patch("/groups/" + groupId + "/members/me", carol.bearer(),
          new JsonObject().put("nickname", "小C 🌸"));
      assertEquals("小C 🌸", named.json().getString("nickname"));
      assertEquals(400, api.patch("/groups/" + groupId + "/members/me", carol.bearer(),
          new JsonObject().put("nickname", "x".repeat(65))).status());
      JsonArray members = api.get("/groups/" + groupId + "/members", bob.bearer()).array();
      assertEquals(List.of("owner", "admin", "member"),
          members.stream().map(m -> ((JsonObject) m).getString("role")).toList());
      assertEquals("小C 🌸", members.getJsonObject(2).getString("nickname"));

      // an admin renames and sets the announcement; a plain member may not
      Reply renamed = api.patch("/groups/" + groupId, bob.bearer(),
          new JsonObject().put("name", "登山队").put("announcement", "周六 7:00 集合"));
      assertEquals(200, renamed.status(), renamed.text());
      assertEquals("周六 7:00 集合", nextOfType(carolSocket, "group.updated").getJsonObject("group")
          .getString("announcement"));
      assertEquals(403, api.patch("/groups/" + groupId, carol.bearer(), new JsonObject().put("name", "mine")).status());
      assertEquals(400, api.patch("/groups/" + groupId, bob.bearer(), new JsonObject().put("joinPolicy", "anyone"))
          .status());
      assertEquals(400, api.patch("/groups/" + groupId, bob.bearer(), new JsonObject().put("ownerId", bob.id()))
          .status());

      // an admin removes a member, who stops being in the conversation at once
      assertEquals(204, api.call(HttpMethod.DELETE, "/groups/" + groupId + "/members/" + carol.id(), bob.bearer(), null)
          .status());
      assertEquals(carol.id(), nextOfType(carolSocket, "group.member_left").getJsonObject("user").getLong("id"));
      assertTrue(!isConversationMember(group.getLong("conversationId"), carol.id()));
      assertEquals(2, api.get("/groups/" + groupId, owner.bearer()).json().getInteger("memberCount"));

      // each change is a system message of the group's conversation, recorded once
      List<String> recorded = systemMessages(owner, group.getLong("conversationId"));
      assertEquals(List.of("created", "joined", "role_changed", "updated", "removed"), recorded);
    } finally {
      listener.unregister().await();
    }
  }

  @Test
  void joinPoliciesDecideHowOutsidersGetIn() {
    Session owner = api.register("jo");
    Session admin = api.register("ja");
    Session dave = api.register("jd");
    Session erin = api.register("je");
    api.befriend(owner, admin);
    long groupId = api.post("/groups", owner.bearer(), new JsonObject().put("name", "Open house " + owner.id())
        .put("memberIds", new JsonArray().add(admin.id())).put("joinPolicy", "open")).json().getLong("id");
    api.patch("/groups/" + groupId + "/members/" + admin.id(), owner.bearer(), new JsonObject().put("role", "admin"));

    Reply joined = api.post("/groups/" + groupId + "/join", dave.bearer(), null);
    assertEquals(200, joined.status(), joined.text());
    assertEquals("joined", joined.json().getString("status"));
    assertEquals(3, joined.json().getJsonObject("group").getInteger("memberCount"));
    assertEquals("already_member", api.post("/groups/" + groupId + "/join", dave.bearer(), null).errorCode());

    assertEquals(200, api.patch("/groups/" + groupId, owner.bearer(), new JsonObject().put("joinPolicy", "approval"))
        .status());
    try (Socket adminSocket = Socket.connect(stack.vertx, stack.port, admin.bearer())) {
      ping(adminSocket);
      Reply pending = api.post("/groups/" + groupId + "/join", erin.bearer(), new JsonObject().put("message", "让我进 🙏"));
      assertEquals(202, pending.status(), pending.text());
      long requestId = pending.json().getJsonObject("request").getLong("id");
      JsonObject heard = nextOfType(adminSocket, "group.join_request").getJsonObject("request");
      assertEquals(erin.id(), heard.getJsonObject("user").getLong("id"));
      assertEquals("让我进 🙏", heard.getString("message"));
      assertEquals("request_pending", api.post("/groups/" + groupId + "/join", erin.bearer(), null).errorCode());
      assertEquals(403, api.get("/groups/" + groupId + "/join-requests", dave.bearer()).status());
      assertEquals(403, api.post("/groups/" + groupId + "/join-requests/" + requestId + "/accept", dave.bearer(), null)
          .status());
      assertEquals(403, api.post("/groups/" + groupId + "/join-requests/" + requestId + "/accept", erin.bearer(), null)
          .status());
      assertEquals(List.of(requestId), api.get("/groups/" + groupId + "/join-requests", admin.bearer()).array().stream()
          .map(r -> ((JsonObject) r).getLong("id")).toList());
      assertEquals(204, api.post("/groups/" + groupId + "/join-requests/" + requestId + "/accept", admin.bearer(), null)
          .status());
      assertEquals(erin.id(), nextOfType(adminSocket, "group.member_joined").getJsonObject("user").getLong("id"));
      assertEquals("request_closed", api.post("/groups/" + groupId + "/join-requests/" + requestId + "/reject",
          admin.bearer(), null).errorCode());
    }
    assertEquals(List.of(groupId), api.get("/groups", erin.bearer()).array().stream()
        .map(g -> ((JsonObject) g).getLong("id")).toList());

    // a rejected request leaves the asker outside
    Session frank = api.register("jf");
    long rejectedId = api.post("/groups/" + groupId + "/join", frank.bearer(), null).json().getJsonObject("request")
        .getLong("id");
    assertEquals(204, api.post("/groups/" + groupId + "/join-requests/" + rejectedId + "/reject", owner.bearer(), null)
        .status());
    assertEquals(List.of(), api.get("/groups", frank.bearer()).array().getList());

    // invite-only: invisible and closed to outsiders, members included only by invitation
    assertEquals(200, api.patch("/groups/" + groupId, owner.bearer(), new JsonObject().put("joinPolicy", "invite"))
        .status());
    assertEquals(404, api.get("/groups/" + groupId, frank.bearer()).status());
    assertEquals(404, api.get("/groups/" + groupId + "/members", frank.bearer()).status());
    assertEquals(404, api.post("/groups/" + groupId + "/join", frank.bearer(), null).status());
    assertEquals(List.of(), api.get("/groups/search?q=Open%20house%20" + owner.id(), frank.bearer()).array().getList());
    assertEquals(1, api.get("/groups/search?q=Open%20house%20" + owner.id(), dave.bearer()).array().size());
    assertEquals(200, api.get("/groups/" + groupId + "/members", dave.bearer()).status());
  }

  @Test
  void ownershipIsTransferredBeforeLeavingAndTheOwnerAloneDissolves() {
    Session owner = api.register("to");
    Session heir = api.register("th");
    Session other = api.register("tt");
    api.befriend(owner, heir);
    api.befriend(owner, other);
    JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "Dynasty")
        .put("memberIds", new JsonArray().add(heir.id()).add(other.id()))).json();
    long groupId = group.getLong("id");
    assertEquals("owner_cannot_leave",
        api.call(HttpMethod.DELETE, "/groups/" + groupId + "/members/me", owner.bearer(), null).errorCode());
    assertEquals(403, api.post("/groups/" + groupId + "/transfer", heir.bearer(), new JsonObject().put("userId", other.id()))
        .status());
    assertEquals(400, api.post("/groups/" + groupId + "/transfer", owner.bearer(),
        new JsonObject().put("userId", 999_999_999L)).status());
    Reply transferred = api.post("/groups/" + groupId + "/transfer", owner.bearer(), new JsonObject().put("userId", heir.id()));
    assertEquals(200, transferred.status(), transferred.text());
    assertEquals(heir.id(), transferred.json().getLong("ownerId"));
    // the former owner is an admin now, and may leave
    assertEquals(403, api.call(HttpMethod.DELETE, "/groups/" + groupId + "/members/" + heir.id(), owner.bearer(), null)
        .status());
    assertEquals(204, api.call(HttpMethod.DELETE, "/groups/" + groupId + "/members/me", owner.bearer(), null).status());
    assertEquals(403, api.get("/groups/" + groupId + "/join-requests", owner.bearer()).status());

    assertEquals(403, api.call(HttpMethod.DELETE, "/groups/" + groupId, other.bearer(), null).status());
    try (Socket otherSocket = Socket.connect(stack.vertx, stack.port, other.bearer())) {
      ping(otherSocket);
      assertEquals(204, api.call(HttpMethod.DELETE, "/groups/" + groupId, heir.bearer(), null).status());
      assertEquals(groupId, nextOfType(otherSocket, "group.dissolved").getLong("groupId"));
    }
    assertEquals(404, api.get("/groups/" + groupId, heir.bearer()).status());
    assertEquals(List.of(), api.get("/groups", other.bearer()).array().getList());
    assertEquals(404, api.post("/groups/" + groupId + "/join", owner.bearer(), null).status());
  }

  @Test
  void creationRefusesStrangersBadFieldsAndTooManyMembers() {
    Session owner = api.register("co");
    Session stranger = api.register("cs");
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "x")
        .put("memberIds", new JsonArray().add(stranger.id()))).status());
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "")
        .put("memberIds", new JsonArray())).status());
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "x")).status());
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "x")
        .put("memberIds", new JsonArray().add("one"))).status());
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "x")
        .put("memberIds", new JsonArray()).put("joinPolicy", "secret")).status());
    assertEquals(400, api.post("/groups", owner.bearer(), new JsonObject().put("name", "x".repeat(65))
        .put("memberIds", new JsonArray())).status());
    assertEquals(List.of(), api.get("/groups", owner.bearer()).array().getList());
    Reply alone = api.post("/groups", owner.bearer(), new JsonObject().put("name", "Just me")
        .put("memberIds", new JsonArray()));
    assertEquals(201, alone.status());
    assertNull(alone.json().getString("avatarUrl"));
    assertEquals(404, api.get("/groups/999999999", owner.bearer()).status());
    assertEquals(400, api.get("/groups/abc", owner.bearer()).status());
    assertEquals(401, api.get("/groups", null).status());

    try (TestStack small = TestStack.start(c -> c.getJsonObject("limits").put("groupMembersMax", 3));
         Api local = new Api(small.vertx, small.port)) {
      Session a = local.register("sa");
      Session b = local.register("sb");
      Session c = local.register("sc");
      Session d = local.register("sd");
      for (Session friend : List.of(b, c, d)) {
        long requestId = local.post("/friend-requests", a.bearer(), new JsonObject().put("toUserId", friend.id()))
            .json().getLong("id");
        local.post("/friend-requests/" + requestId + "/accept", friend.bearer(), null);
      }
      assertEquals("group_full", local.post("/groups", a.bearer(), new JsonObject().put("name", "big")
          .put("memberIds", new JsonArray().add(b.id()).add(c.id()).add(d.id()))).errorCode());
      long groupId = local.post("/groups", a.bearer(), new JsonObject().put("name", "small")
          .put("memberIds", new JsonArray().add(b.id()).add(c.id()))).json().getLong("id");
      assertEquals("group_full", local.post("/groups/" + groupId + "/members", a.bearer(),
          new JsonObject().put("userIds", new JsonArray().add(d.id()))).errorCode());
      assertEquals(3, local.get("/groups/" + groupId, a.bearer()).json().getInteger("memberCount"));
    }
  }

  @Test
  void outsidersAndLowerRolesAreRefusedAndNothingChanges() {
    Session owner = api.register("wo");
    Session admin = api.register("wa");
    Session admin2 = api.register("wb");
    Session member = api.register("wm");
    Session outsider = api.register("wx");
    for (Session s : List.of(admin, admin2, member)) {
      api.befriend(owner, s);
    }
    api.befriend(outsider, member);
    JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "ranks")
        .put("memberIds", new JsonArray().add(admin.id()).add(admin2.id()).add(member.id()))).json();
    long groupId = group.getLong("id");
    String g = "/groups/" + groupId;
    api.patch(g + "/members/" + admin.id(), owner.bearer(), new JsonObject().put("role", "admin"));
    api.patch(g + "/members/" + admin2.id(), owner.bearer(), new JsonObject().put("role", "admin"));

    assertEquals(403, api.call(HttpMethod.DELETE, g + "/members/" + admin.id(), member.bearer(), null).status());
    assertEquals(403, api.call(HttpMethod.DELETE, g + "/members/" + admin2.id(), admin.bearer(), null).status());
    assertEquals(403, api.call(HttpMethod.DELETE, g + "/members/" + owner.id(), admin.bearer(), null).status());
    assertEquals(403, api.patch(g, outsider.bearer(), new JsonObject().put("name", "mine")).status());
    assertEquals(403, api.post(g + "/members", outsider.bearer(),
        new JsonObject().put("userIds", new JsonArray().add(member.id()))).status());
    assertEquals(403, api.patch(g + "/members/me", outsider.bearer(), new JsonObject().put("nickname", "x")).status());
    assertEquals(403, api.call(HttpMethod.DELETE, g + "/members/" + member.id(), outsider.bearer(), null).status());
    assertEquals(403, api.post(g + "/transfer", outsider.bearer(), new JsonObject().put("userId", member.id()))
        .status());
    assertEquals(403, api.call(HttpMethod.DELETE, g, admin.bearer(), null).status());
    assertEquals(400, api.post(g + "/transfer", owner.bearer(), new JsonObject().put("userId", outsider.id())).status());
    assertEquals(400, api.patch(g + "/members/" + owner.id(), owner.bearer(), new JsonObject().put("role", "member"))
        .status());
    assertEquals(400, api.patch(g + "/members/me", member.bearer(), new JsonObject()).status());

    // a join request of another group cannot be decided through this one
    long otherGroup = api.post("/groups", outsider.bearer(), new JsonObject().put("name", "other")
        .put("memberIds", new JsonArray())).json().getLong("id");
    long foreignRequest = api.post("/groups/" + otherGroup + "/join", owner.bearer(), null).json()
        .getJsonObject("request").getLong("id");
    assertEquals(404, api.post(g + "/join-requests/" + foreignRequest + "/accept", owner.bearer(), null).status());

    JsonArray members = api.get(g + "/members", owner.bearer()).array();
    assertEquals(List.of("owner", "admin", "admin", "member"),
        members.stream().map(m -> ((JsonObject) m).getString("role")).toList());
    assertEquals(group.getString("name"), api.get(g, owner.bearer()).json().getString("name"));

    // after dissolution nobody can send to the conversation, and its history stays
    assertEquals(201, api.post("/conversations/" + group.getLong("conversationId") + "/messages", member.bearer(),
        new JsonObject().put("clientMsgId", "last").put("kind", "text").put("text", "bye")).status());
    assertEquals(204, api.call(HttpMethod.DELETE, g, owner.bearer(), null).status());
    assertEquals("conversation_closed", api.post("/conversations/" + group.getLong("conversationId") + "/messages",
        member.bearer(), new JsonObject().put("clientMsgId", "late").put("kind", "text").put("text", "hello?"))
        .errorCode());
  }

  @Test
  void anOpenGroupFillsUpToItsLimitAndNoFurther() {
    try (TestStack small = TestStack.start(c -> c.getJsonObject("limits").put("groupMembersMax", 2));
         Api local = new Api(small.vertx, small.port)) {
      Session owner = local.register("fo");
      long groupId = local.post("/groups", owner.bearer(), new JsonObject().put("name", "tiny")
          .put("memberIds", new JsonArray()).put("joinPolicy", "open")).json().getLong("id");
      assertEquals(200, local.post("/groups/" + groupId + "/join", local.register("f1").bearer(), null).status());
      assertEquals("group_full", local.post("/groups/" + groupId + "/join", local.register("f2").bearer(), null)
          .errorCode());
      assertEquals(2, local.get("/groups/" + groupId, owner.bearer()).json().getInteger("memberCount"));
    }
  }

  /** The {@code what} of the conversation's system messages, waiting briefly for the last to land. */
  private List<String> systemMessages(Session viewer, long conversationId) throws InterruptedException {
    List<String> whats = List.of();
    for (int i = 0; i < 20; i++) {
      whats = api.get("/conversations/" + conversationId + "/messages", viewer.bearer()).array().stream()
          .map(m -> (JsonObject) m).filter(m -> m.getString("kind").equals("system"))
          .map(m -> m.getJsonObject("system").getString("what")).toList();
      if (whats.size() >= 5) {
        break;
      }
      Thread.sleep(100);
    }
    return whats;
  }

  private boolean isConversationMember(long conversationId, long userId) {
    Pool pool = Database.pool(stack.vertx, TestDatabase.connection(), "groups-test");
    try {
      return pool.preparedQuery("SELECT 1 FROM conversation_member WHERE conversation_id = ? AND user_id = ? "
              + "AND left_at IS NULL").execute(Tuple.of(conversationId, userId)).await().size() == 1;
    } finally {
      pool.close().await();
    }
  }

}
