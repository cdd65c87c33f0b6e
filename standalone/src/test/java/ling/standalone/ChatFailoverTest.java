package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ling.account.impl.AccountVerticle;
import ling.api.chat.ChatRing;
import ling.api.chat.ChatService;
import ling.chat.impl.ChatVerticle;
import ling.common.TestDatabase;
import ling.common.cluster.HashRing;
import ling.common.runtime.Nodes;
import ling.file.impl.FileVerticle;
import ling.gateway.impl.GatewayVerticle;
import ling.media.impl.MediaSignalingVerticle;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A chat-service instance as a process of its own, in one cluster with a node that runs
 * everything else and a second chat-service instance, killed outright (SIGKILL) while senders keep
 * sending: the sends it owned go to the survivor at once, nothing acknowledged is lost or stored
 * twice, and the process started again takes its share back.
 */
class ChatFailoverTest {

  private static final int PAIRS = 6;
  /** Sends to the killed instance's conversations wait for their ack no longer than this. */
  private static final long MAX_ACK_MILLIS = 2_000;

  private String cluster;
  private Vertx node;
  private String gatewayId;
  private Api api;
  private ServiceProcess chat;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void formCluster() {
    cluster = "ling-failover-" + Long.toString(System.nanoTime(), 36);
    JsonObject config = nodeConfig();
    node = Nodes.clustered(config).await();
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future.all(node.deployVerticle(new AccountVerticle(), options), node.deployVerticle(new ChatVerticle(), options),
        node.deployVerticle(new FileVerticle(), options), node.deployVerticle(new MediaSignalingVerticle(), options))
        .await();
    GatewayVerticle gateway = new GatewayVerticle();
    gatewayId = node.deployVerticle(gateway, options).await();
    api = new Api(node, gateway.actualPort());
  }

  @AfterEach
  void leave() {
    sockets.forEach(Socket::close);
    if (chat != null) {
      chat.close();
    }
    api.close();
    new Standalone.Deployment(null, gatewayId).closeNow(node);
  }

  @Test
  @Timeout(240)
  void sendsOwnedByAKilledInstanceMoveToTheSurvivorAtOnceAndNothingIsLostOrStoredTwice() throws Exception {
    startChatProcess();
    ChatRing two = ringOf(2);
    String remote = two.getMembers().stream().filter(m -> !m.startsWith(localNode())).findFirst().orElseThrow();
    HashRing hash = new HashRing(two.getMembers());

    // pairs of friends until both instances own some of their conversations
    List<Session> senders = new ArrayList<>();
    List<Long> conversations = new ArrayList<>();
    int remoteOwned = 0;
    for (int i = 0; i < 40 && (conversations.size() < PAIRS || remoteOwned < 2); i++) {
      Session from = api.register("fo");
      long conversation = api.befriend(from, api.register("fo"));
      boolean ownedThere = remote.equals(hash.owner(conversation));
      if (conversations.size() >= PAIRS && !ownedThere) {
        continue;
      }
      remoteOwned += ownedThere ? 1 : 0;
      senders.add(from);
      conversations.add(conversation);
    }
    assertTrue(remoteOwned >= 2, "the killed instance owns some of the conversations");

    // each sender sends one message at a time and waits for its ack, as a client would
    AtomicBoolean sending = new AtomicBoolean(true);
    Map<Integer, List<String>> acked = new ConcurrentHashMap<>();
    Map<Integer, Long> slowest = new ConcurrentHashMap<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders.size(); s++) {
      Socket socket = Socket.connect(node, api.port, senders.get(s).bearer());
      sockets.add(socket);
      int index = s;
      long conversation = conversations.get(s);
      acked.put(index, Collections.synchronizedList(new ArrayList<>()));
      slowest.put(index, 0L);
      Thread thread = new Thread(() -> {
        try {
          send(socket, index, conversation, sending, acked.get(index), slowest);
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "sender-" + s);
      threads.add(thread);
      thread.start();
    }
    sleep(2_000);
    chat.kill();
    sleep(4_000);
    sending.set(false);
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertEquals(List.of(), failures);

    assertEquals(1, ringOf(1).getMembers().size(), "the dead instance left the ring");
    System.out.printf("failover: %d senders, %d acknowledged, slowest ack per sender %s ms%n", senders.size(),
        acked.values().stream().mapToInt(List::size).sum(), slowest.values());
    for (int s = 0; s < senders.size(); s++) {
      assertTrue(acked.get(s).size() > 20, "sender " + s + " kept sending: " + acked.get(s).size());
      assertTrue(slowest.get(s) < MAX_ACK_MILLIS, "sender " + s + " waited " + slowest.get(s) + " ms for an ack");
      assertEquals(acked.get(s), api.storedInOrder(senders.get(s), conversations.get(s)),
          "what was acknowledged is what is stored, once each");
    }

    // started again, the instance takes its share back and serves it
    startChatProcess();
    ChatRing again = ringOf(2);
    HashRing rehashed = new HashRing(again.getMembers());
    String back = again.getMembers().stream().filter(m -> !m.startsWith(localNode())).findFirst().orElseThrow();
    int served = 0;
    for (int s = 0; s < senders.size(); s++) {
      if (back.equals(rehashed.owner(conversations.get(s)))) {
        Socket socket = sockets.get(s);
        socket.send(new JsonObject().put("type", "send").put("clientMsgId", "again-" + s)
            .put("conversationId", conversations.get(s)).put("kind", "text").put("text", "after the restart"));
        assertEquals("again-" + s, socket.nextOfType("ack", 10_000).getString("clientMsgId"));
        served++;
      }
    }
    assertTrue(served > 0, "the restarted instance owns conversations again");
  }

  /** One message at a time, each after the last one's ack, while {@code sending}. */
  private static void send(Socket socket, int sender, long conversation, AtomicBoolean sending, List<String> acked,
                           Map<Integer, Long> slowest) {
    for (int n = 0; sending.get(); n++) {
      String clientMsgId = "fo-" + sender + "-" + n;
      long started = System.nanoTime();
      socket.sendAndAwaitAck(conversation, clientMsgId, "message " + n, 15_000);
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      acked.add(clientMsgId);
      slowest.merge(sender, waited, Math::max);
      sleep(20);
    }
  }

  /** The ring once it has this many members, as the instances publish it. */
  private ChatRing ringOf(int members) {
    ChatService chatService = ChatService.createProxy(node);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    ChatRing ring = null;
    while (System.nanoTime() < deadline) {
      try {
        ring = chatService.ring().await();
        if (ring.getMembers().size() == members) {
          return ring;
        }
      } catch (RuntimeException notYet) {
        // an instance that is going away
      }
      sleep(100);
    }
    throw new AssertionError("the ring did not reach " + members + " members: " + ring + "\n"
        + (chat == null ? "" : chat.output()));
  }

  private String localNode() {
    return ling.common.cluster.ClusterMembers.of(node).nodeId();
  }

  /** The chat service's own entry point in a JVM of its own, joining this test's cluster. */
  private void startChatProcess() throws IOException {
    chat = ServiceProcess.start("chat", "ling.chat.ChatMain", cluster, Map.of());
  }

  private JsonObject nodeConfig() {
    JsonObject config = TestDatabase.config();
    config.getJsonObject("cluster").put("name", cluster);
    config.getJsonObject("metrics").put("registryName", cluster);
    config.put("dataDir", config.getString("dataDir") + "-" + cluster);
    config.getJsonObject("rateLimit").put("registrationsPerAddress", 100_000);
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
