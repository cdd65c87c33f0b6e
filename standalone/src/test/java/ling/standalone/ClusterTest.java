package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.account.impl.AccountVerticle;
import ling.chat.impl.ChatVerticle;
import ling.common.TestDatabase;
import ling.common.runtime.Nodes;
import ling.file.impl.FileVerticle;
import ling.gateway.impl.GatewayVerticle;
import ling.media.impl.MediaSignalingVerticle;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Hazelcast-clustered nodes in one JVM: node A runs only a gateway; node B runs the services
 * and a second gateway. Everything a client does through A crosses the cluster.
 */
class ClusterTest {

  private Vertx nodeA;
  private Vertx nodeB;
  private Api viaA;
  private Api viaB;
  private String gatewayBId;

  private String clusterName;

  @BeforeEach
  void formCluster() {
    String cluster = "ling-test-" + Long.toString(System.nanoTime(), 36);
    clusterName = cluster;
    nodeB = Nodes.clustered(nodeConfig(cluster, "b")).await();
    nodeA = Nodes.clustered(nodeConfig(cluster, "a")).await();
    DeploymentOptions b = new DeploymentOptions().setConfig(nodeConfig(cluster, "b"));
    Future.all(
        nodeB.deployVerticle(new AccountVerticle(), b),
        nodeB.deployVerticle(new ChatVerticle(), b),
        nodeB.deployVerticle(new FileVerticle(), b),
        nodeB.deployVerticle(new MediaSignalingVerticle(), b)).await();
    GatewayVerticle gatewayB = new GatewayVerticle();
    gatewayBId = nodeB.deployVerticle(gatewayB, b).await();
    // A's gateway has no key: it asks the account service on B for it over the cluster
    GatewayVerticle gatewayA = new GatewayVerticle();
    nodeA.deployVerticle(gatewayA, new DeploymentOptions().setConfig(nodeConfig(cluster, "a"))).await();
    viaA = new Api(nodeA, gatewayA.actualPort());
    viaB = new Api(nodeB, gatewayB.actualPort());
  }

  @AfterEach
  void leave() {
    viaA.close();
    viaB.close();
    nodeA.close().await();
    new Standalone.Deployment(null, gatewayBId).closeNow(nodeB);
  }

  @Test
  void aClientOfOneNodeIsServedByTheServicesOfTheOther() {
    Session s = registerWhenReady();
    Reply login = viaA.login(s.username(), s.password());
    assertEquals(200, login.status(), login.text());
    String bearer = "Bearer " + login.json().getString("accessToken");
    assertEquals(s.id(), viaA.get("/me", bearer).json().getLong("id"));
    assertEquals(200, viaA.post("/auth/refresh", new JsonObject().put("refreshToken",
        login.json().getString("refreshToken"))).status());
    assertEquals(200, viaA.get("/health", null).status());
  }

  @Test
  void loginFailureCountsAreSharedBetweenGateways() {
    Session s = registerWhenReady();
    assertEquals(401, viaA.login(s.username(), "wrong-1").status());
    assertEquals(401, viaB.login(s.username(), "wrong-2").status());
    assertEquals(429, viaA.login(s.username(), s.password()).status());
    assertEquals(429, viaB.login(s.username(), s.password()).status());
  }

  @Test
  void aPasswordChangeOnOneNodeClosesSocketsAndVoidsTokensOnTheOther() {
    Session s = registerWhenReady();
    try (Socket socket = Socket.connect(nodeA, viaA.port, s.bearer())) {
      socket.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", socket.next().getString("type"));
      assertEquals(204, viaB.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", s.password())
          .put("newPassword", "changed-on-b")).status());
      assertEquals("session.revoked", socket.next().getString("type"));
      assertEquals(4401, socket.closeCode(5_000));
    }
    assertEquals(401, viaA.get("/me", s.bearer()).status());
  }

  @Test
  void aUserWithSocketsOnBothGatewaysIsOnlineUntilTheLastOneCloses() {
    Session xena = registerWhenReady();
    Session yuri = Api.session(viaB.post("/auth/register", new JsonObject().put("username", TestStack.uniqueName("yu"))
        .put("password", "cluster-pw-1")).json(), "cluster-pw-1");
    long requestId = viaA.post("/friend-requests", xena.bearer(), new JsonObject().put("toUserId", yuri.id()))
        .json().getLong("id");
    assertEquals(200, viaB.post("/friend-requests/" + requestId + "/accept", yuri.bearer(), null).status());
    try (Socket yuriSocket = Socket.connect(nodeB, viaB.port, yuri.bearer())) {
      FriendsApiTest.ping(yuriSocket);
      Socket onA = Socket.connect(nodeA, viaA.port, xena.bearer());
      assertEquals(true, FriendsApiTest.nextOfType(yuriSocket, "presence").getBoolean("online"));
      Socket onB = Socket.connect(nodeB, viaB.port, xena.bearer());
      FriendsApiTest.ping(onB);
      // the two gateways report independently: let B's report land before A's close is counted
      sleep(500);
      onA.close();
      FriendsApiTest.ping(onB);
      assertEquals(true, viaB.get("/users/" + xena.id(), yuri.bearer()).json().getBoolean("online"));
      onB.close();
      JsonObject offline = FriendsApiTest.nextOfType(yuriSocket, "presence");
      assertEquals(false, offline.getBoolean("online"), "the only presence news after the first is the last close");
      assertEquals(false, viaA.get("/users/" + xena.id(), yuri.bearer()).json().getBoolean("online"));
    }
  }

  @Test
  void twoUsersOnTwoGatewaysWithTwoChatInstancesGetEveryMessageOnceInOrder() {
    // a second chat-service instance, on the other node: sends are spread over both, and this one
    // commits several batches at once, so that batches of one instance also race for the seqs
    JsonObject several = nodeConfig(clusterName, "a");
    several.getJsonObject("chat").put("commitsInFlight", 3);
    nodeA.deployVerticle(new ChatVerticle(), new DeploymentOptions().setConfig(several)).await();
    Session xena = registerWhenReady();
    Session yuri = Api.session(viaB.post("/auth/register", new JsonObject().put("username", TestStack.uniqueName("yu"))
        .put("password", "cluster-pw-1")).json(), "cluster-pw-1");
    long requestId = viaA.post("/friend-requests", xena.bearer(), new JsonObject().put("toUserId", yuri.id()))
        .json().getLong("id");
    long conversation = viaB.post("/friend-requests/" + requestId + "/accept", yuri.bearer(), null).json()
        .getJsonObject("friend").getLong("conversationId");
    // under the 50 frames a second a socket may send
    int each = 45;
    try (Socket onA = Socket.connect(nodeA, viaA.port, xena.bearer());
         Socket onB = Socket.connect(nodeB, viaB.port, yuri.bearer());
         Socket watching = Socket.connect(nodeA, viaA.port, yuri.bearer())) {
      FriendsApiTest.ping(onA);
      FriendsApiTest.ping(onB);
      FriendsApiTest.ping(watching);
      for (int i = 0; i < each; i++) {
        onA.send(new JsonObject().put("type", "send").put("clientMsgId", "x" + i).put("conversationId", conversation)
            .put("kind", "text").put("text", "from xena " + i));
        onB.send(new JsonObject().put("type", "send").put("clientMsgId", "y" + i).put("conversationId", conversation)
            .put("kind", "text").put("text", "from yuri " + i));
      }
      for (Socket socket : List.of(watching, onA, onB)) {
        List<Long> seqs = new ArrayList<>();
        java.util.TreeMap<Long, String> xenaBySeq = new java.util.TreeMap<>();
        while (seqs.size() < 2 * each) {
          JsonObject frame = socket.next();
          if (frame.getString("type").equals("message")) {
            JsonObject message = frame.getJsonObject("message");
            seqs.add(message.getLong("seq"));
            if (message.getLong("senderId") == xena.id()) {
              xenaBySeq.put(message.getLong("seq"), message.getString("clientMsgId"));
            }
          }
        }
        // one instance owns the conversation: its pushes leave in seq order, and a device that
        // does not send gets them so (a sending socket gets its own message after its ack, which
        // may let the next message overtake it); every message once, each sender's in the order sent
        List<String> xenas = new ArrayList<>(xenaBySeq.values());
        if (socket == watching) {
          List<Long> inOrder = new ArrayList<>();
          for (long seq = 1; seq <= 2 * each; seq++) {
            inOrder.add(seq);
          }
          assertEquals(inOrder, seqs, "pushed in seq order");
        }
        assertEquals(2 * each, new java.util.HashSet<>(seqs).size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          expected.add("x" + i);
        }
        assertEquals(expected, xenas);
        List<Long> sorted = new ArrayList<>(seqs);
        java.util.Collections.sort(sorted);
        assertEquals(2 * each, sorted.get(sorted.size() - 1));
        FriendsApiTest.pingExpectingNo(socket, "message");
      }
    }
  }

  /** The first request may race the cluster-wide registration of the service. */
  private Session registerWhenReady() {
    String username = TestStack.uniqueName("cl");
    for (int attempt = 0; ; attempt++) {
      Reply reply = viaA.post("/auth/register", new JsonObject().put("username", username).put("password", "cluster-pw-1"));
      if (reply.status() == 201) {
        return Api.session(reply.json(), "cluster-pw-1");
      }
      if (attempt == 20) {
        throw new AssertionError("register through node A: " + reply.status() + " " + reply.text());
      }
      sleep(250);
    }
  }

  private static JsonObject nodeConfig(String cluster, String node) {
    JsonObject config = TestDatabase.config();
    config.getJsonObject("cluster").put("name", cluster);
    config.getJsonObject("metrics").put("registryName", cluster + "-" + node);
    config.getJsonObject("rateLimit").put("loginFailuresPerUser", 2);
    config.put("dataDir", config.getString("dataDir") + "-" + cluster);
    return config;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
