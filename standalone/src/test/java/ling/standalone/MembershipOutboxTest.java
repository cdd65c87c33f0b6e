package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import ling.account.impl.AccountVerticle;
import ling.api.chat.ChatRing;
import ling.api.chat.ChatService;
import ling.common.TestDatabase;
import ling.common.db.Database;
import ling.common.runtime.Nodes;
import ling.file.impl.FileVerticle;
import ling.gateway.impl.GatewayVerticle;
import ling.media.impl.MediaSignalingVerticle;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat service, a process of its own and the only instance, killed outright in the middle of a
 * burst of group and friendship changes that goes on without it: every change is answered, and
 * once the chat service is back the account and chat sides agree on who is in every conversation
 * and with which role, with nothing left in the outbox.
 */
class MembershipOutboxTest {

  private String cluster;
  private Vertx node;
  private String gatewayId;
  private Api api;
  private Pool db;
  private ServiceProcess chat;
  /** A database of its own: another stack's outbox relay in this JVM must not deliver this one's changes. */
  private JsonObject database;

  @BeforeEach
  void formCluster() throws IOException {
    cluster = "ling-outbox-" + Long.toString(System.nanoTime(), 36);
    database = TestDatabase.connection().copy().put("name", "ling_" + cluster.replace('-', '_'));
    String user = database.getString("user");
    String name = database.getString("name");
    TestDatabase.asAdministrator("CREATE DATABASE " + name + " CHARACTER SET utf8mb4;"
        + "GRANT ALL ON " + name + ".* TO '" + user + "'@'localhost';"
        + "GRANT ALL ON " + name + ".* TO '" + user + "'@'127.0.0.1';");
    JsonObject config = TestDatabase.config();
    config.getJsonObject("db").put("name", name);
    config.getJsonObject("cluster").put("name", cluster);
    config.getJsonObject("metrics").put("registryName", cluster);
    config.put("dataDir", config.getString("dataDir") + "-" + cluster);
    config.getJsonObject("rateLimit").put("registrationsPerAddress", 100_000);
    // while the chat service is away, requests wait this long for it, then answer all the same
    config.getJsonObject("membership").put("awaitMillis", 300).put("retryMaxMillis", 1000);
    node = Nodes.clustered(config).await();
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future.all(node.deployVerticle(new AccountVerticle(), options), node.deployVerticle(new FileVerticle(), options),
        node.deployVerticle(new MediaSignalingVerticle(), options)).await();
    GatewayVerticle gateway = new GatewayVerticle();
    gatewayId = node.deployVerticle(gateway, options).await();
    api = new Api(node, gateway.actualPort());
    db = Database.pool(node, database, "outbox-test");
    startChat();
  }

  @AfterEach
  void leave() {
    if (chat != null) {
      chat.close();
    }
    api.close();
    db.close().await();
    new Standalone.Deployment(null, gatewayId).closeNow(node);
    TestDatabase.asAdministrator("DROP DATABASE IF EXISTS " + database.getString("name") + ";");
  }

  @Test
  @Timeout(300)
  void bothSidesAgreeOnEveryMemberOnceTheChatServiceIsBack() throws Exception {
    Session owner = api.register("ob");
    List<Session> friends = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Session friend = api.register("ob");
      api.befriend(owner, friend);
      friends.add(friend);
    }
    List<Long> groups = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      groups.add(createGroup(owner, friends.subList(i, i + 3)));
    }
    List<Long> pairs = new ArrayList<>(friends.stream().map(Session::id).toList());

    Random random = new Random(42);
    Session latecomer = null;
    long outageGroup = 0;
    for (int op = 0; op < 90; op++) {
      if (op == 30) {
        chat.kill();
      }
      if (op == 45) {
        // made while the chat service is away: the group has no conversation yet
        outageGroup = createGroup(owner, friends.subList(5, 7));
        groups.add(outageGroup);
        latecomer = api.register("ob");
        api.befriend(owner, latecomer);
        pairs.add(latecomer.id());
        invite(owner, outageGroup, latecomer);
        continue;
      }
      if (op == 60) {
        expect(204, api.call(HttpMethod.DELETE, "/friends/" + friends.get(7).id(), owner.bearer(), null));
        expect(204, api.call(HttpMethod.DELETE, "/groups/" + groups.get(2), owner.bearer(), null));
        continue;
      }
      long group = groups.get(random.nextInt(2));
      Session friend = friends.get(random.nextInt(7));
      switch (random.nextInt(3)) {
        case 0 -> invite(owner, group, friend);
        case 1 -> {
          Reply removed = api.call(HttpMethod.DELETE, "/groups/" + group + "/members/" + friend.id(), owner.bearer(), null);
          assertTrue(removed.status() == 204 || removed.status() == 404, removed.text());
        }
        default -> {
          Reply role = api.patch("/groups/" + group + "/members/" + friend.id(), owner.bearer(),
              new JsonObject().put("role", random.nextBoolean() ? "admin" : "member"));
          assertTrue(role.status() == 200 || role.status() == 404, role.text());
        }
      }
    }
    assertTrue(outboxSize() > 0, "changes waited for the chat service");
    assertTrue(undeliveredGauge() > 0, "the operators' gauge shows them waiting");
    startChat();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (outboxSize() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(0, outboxSize(), "every change was delivered");
    while (undeliveredGauge() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(0.0, undeliveredGauge(), "and the gauge says so");
    for (long group : groups) {
      assertEquals(accountMembers(group), chatMembers(group), "members and roles of group " + group);
    }
    assertNotNull(conversationClosedAt("group_id", groups.get(2)), "the dissolved group's conversation is closed");
    for (long friend : pairs) {
      long a = Math.min(owner.id(), friend);
      long b = Math.max(owner.id(), friend);
      Object closed = conversationClosedAt("direct_key", a + ":" + b);
      if (friend == friends.get(7).id()) {
        assertNotNull(closed, "the ended friendship's conversation is closed");
      } else {
        assertNull(closed, "friends " + a + " and " + b + " can talk");
        assertEquals((Long) directConversation(a, b), friendshipConversation(owner.id(), friend));
        assertEquals((Long) directConversation(a, b), friendshipConversation(friend, owner.id()));
      }
    }

    // what the client sees: the group made in the outage has its conversation, where its
    // latecomer can send, and the owner can talk to the friend made meanwhile
    long conversation = api.get("/groups/" + outageGroup, latecomer.bearer()).json().getLong("conversationId");
    assertTrue(conversation > 0, "the group got its conversation");
    try (Socket socket = Socket.connect(node, api.port, latecomer.bearer())) {
      socket.sendAndAwaitAck(conversation, "late-1", "here at last", 10_000);
      long direct = directConversation(Math.min(owner.id(), latecomer.id()), Math.max(owner.id(), latecomer.id()));
      socket.sendAndAwaitAck(direct, "late-2", "hello", 10_000);
    }
    try (Socket socket = Socket.connect(node, api.port, friends.get(7).bearer())) {
      long ended = directConversation(Math.min(owner.id(), friends.get(7).id()),
          Math.max(owner.id(), friends.get(7).id()));
      AssertionError refused = assertThrows(AssertionError.class,
          () -> socket.sendAndAwaitAck(ended, "ended-1", "still there?", 10_000));
      assertTrue(refused.getMessage().contains("conversation_closed"), refused.getMessage());
    }
  }

  private long createGroup(Session owner, List<Session> members) {
    Reply created = api.post("/groups", owner.bearer(), new JsonObject().put("name", "outbox")
        .put("memberIds", new JsonArray(members.stream().map(Session::id).toList())));
    expect(201, created);
    return created.json().getLong("id");
  }

  private void invite(Session owner, long group, Session friend) {
    Reply invited = api.post("/groups/" + group + "/members", owner.bearer(),
        new JsonObject().put("userIds", new JsonArray().add(friend.id())));
    expect(200, invited);
  }

  private static void expect(int status, Reply reply) {
    assertEquals(status, reply.status(), reply.text());
  }

  private double undeliveredGauge() {
    return io.vertx.micrometer.backends.BackendRegistries.getNow(cluster)
        .get("ling.membership.undelivered").gauge().value();
  }

  private int outboxSize() {
    return db.query("SELECT COUNT(*) FROM membership_outbox").execute().await().iterator().next().getInteger(0);
  }

  /** user → role, as the account service has it; empty once the group is dissolved. */
  private Map<Long, String> accountMembers(long group) {
    Map<Long, String> out = new TreeMap<>();
    for (Row row : db.preparedQuery("SELECT user_id, role FROM group_member WHERE group_id = ?")
        .execute(Tuple.of(group)).await()) {
      out.put(row.getLong(0), row.getString(1));
    }
    return out;
  }

  /** user → role of the active members of the group's conversation; none once it is closed. */
  private Map<Long, String> chatMembers(long group) {
    Map<Long, String> out = new TreeMap<>();
    for (Row row : db.preparedQuery("SELECT m.user_id, m.role FROM conversation c "
            + "JOIN conversation_member m ON m.conversation_id = c.id "
            + "WHERE c.group_id = ? AND m.left_at IS NULL AND c.closed_at IS NULL")
        .execute(Tuple.of(group)).await()) {
      out.put(row.getLong(0), row.getString(1));
    }
    return out;
  }

  private Object conversationClosedAt(String keyColumn, Object key) {
    List<Object> closed = new ArrayList<>();
    for (Row row : db.preparedQuery("SELECT closed_at FROM conversation WHERE " + keyColumn + " = ?")
        .execute(Tuple.of(key)).await()) {
      closed.add(row.getValue(0));
    }
    assertEquals(1, closed.size(), "one conversation for " + key);
    return closed.get(0);
  }

  private long directConversation(long a, long b) {
    return db.preparedQuery("SELECT id FROM conversation WHERE direct_key = ?").execute(Tuple.of(a + ":" + b))
        .await().iterator().next().getLong(0);
  }

  private Long friendshipConversation(long user, long friend) {
    return db.preparedQuery("SELECT conversation_id FROM friendship WHERE user_id = ? AND friend_id = ?")
        .execute(Tuple.of(user, friend)).await().iterator().next().getLong(0);
  }

  private void startChat() throws IOException {
    chat = ServiceProcess.start("chat", "ling.chat.ChatMain", cluster, Map.of("LING_DB_NAME", database.getString("name")));
    ChatService service = ChatService.createProxy(node);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        ChatRing ring = service.ring().await();
        if (ring.getMembers().size() == 1) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not up yet
      }
      sleepQuietly(100);
    }
    throw new AssertionError("the chat service did not start\n" + chat.output());
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
