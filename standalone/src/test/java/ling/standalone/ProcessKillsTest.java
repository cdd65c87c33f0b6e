package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
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
 * A chat-service instance, a gateway and the account service as processes of their own, beside a
 * node that runs the rest (another chat-service instance among it), killed outright (SIGKILL) one
 * after the other while senders on both gateways keep sending: the dead chat instance's
 * conversations move to the other at once; the clients of the killed gateway reconnect to the
 * other one and send again what was not acknowledged, the other clients do not notice; losing the
 * account service does not stop messaging; receivers get every push in seq order while no chat
 * instance is dying; nothing acknowledged is lost or stored twice; and each killed process, started
 * again, rejoins and serves again.
 */
class ProcessKillsTest {

  private static final Pattern LISTENING = Pattern.compile("gateway listening on http://127\\.0\\.0\\.1:(\\d+)/");
  private static final long MAX_ACK_MILLIS = 2_000;

  private String cluster;
  private Path accountData;
  private Vertx node;
  private String gatewayId;
  private Api viaA;
  private int portA;
  private ServiceProcess account;
  private ServiceProcess gatewayB;
  private ServiceProcess chat;
  private final List<Sender> senders = new ArrayList<>();
  private final List<Receiver> receivers = new ArrayList<>();

  @BeforeEach
  void formCluster() throws Exception {
    cluster = "ling-kills-" + Long.toString(System.nanoTime(), 36);
    accountData = Files.createTempDirectory(Path.of("target"), "kills-account");
    JsonObject config = nodeConfig();
    node = Nodes.clustered(config).await();
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Future.all(node.deployVerticle(new ChatVerticle(), options), node.deployVerticle(new FileVerticle(), options),
        node.deployVerticle(new MediaSignalingVerticle(), options)).await();
    account = startAccount();
    GatewayVerticle gateway = new GatewayVerticle();
    gatewayId = node.deployVerticle(gateway, options).await();
    portA = gateway.actualPort();
    viaA = new Api(node, portA);
    gatewayB = startGateway();
  }

  @AfterEach
  void leave() {
    senders.forEach(Sender::close);
    receivers.forEach(Receiver::close);
    for (ServiceProcess process : new ServiceProcess[] {gatewayB, account, chat}) {
      if (process != null) {
        process.close();
      }
    }
    viaA.close();
    new Standalone.Deployment(null, gatewayId).closeNow(node);
    try (var files = Files.walk(accountData)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      // target/ is cleaned by the next build anyway
    }
  }

  @Test
  @Timeout(300)
  void killingAChatInstanceThenAGatewayThenTheAccountServiceUnderTrafficLosesNothingAndAllComeBack()
      throws Exception {
    int portB = Integer.parseInt(gatewayB.awaitLine(LISTENING, 120));
    awaitRing(1);
    chat = startChat();
    ChatRing two = awaitRing(2);
    String local = ling.common.cluster.ClusterMembers.of(node).nodeId();
    HashRing owners = new HashRing(two.getMembers());
    // four pairs, at least two of whose conversations the chat process owns
    int remoteOwned = 0;
    for (int i = 0; i < 40 && (senders.size() < 4 || remoteOwned < 2); i++) {
      Session sender = viaA.register("pk");
      Session receiver = viaA.register("pk");
      long conversation = viaA.befriend(sender, receiver);
      boolean remote = !owners.owner(conversation).startsWith(local);
      if (senders.size() >= 4 && !remote) {
        continue;
      }
      remoteOwned += remote ? 1 : 0;
      int index = senders.size();
      // half of them on the gateway that will be killed; every receiver on the one that stays
      senders.add(new Sender(index, sender, conversation, index % 2 == 0 ? portA : portB));
      receivers.add(new Receiver(Socket.connect(node, portA, receiver.bearer())));
    }
    assertTrue(remoteOwned >= 2, "the chat process owns some of the conversations");

    // a chat-service instance dies: what it owned moves to the other at once
    traffic(() -> {
      chat.kill();
      return null;
    });
    System.out.println("chat-service killed: slowest ack per sender " + senders.stream().map(x -> x.slowest).toList()
        + " ms");
    for (Sender sender : senders) {
      assertTrue(sender.slowest < MAX_ACK_MILLIS, sender + " waited " + sender.slowest + " ms");
    }
    assertEquals(1, awaitRing(1).getMembers().size(), "the dead instance left the ring");
    chat = startChat();
    awaitRing(2);
    receivers.forEach(Receiver::startCounting);
    senders.forEach(Sender::resetSlowest);

    // a gateway dies: its clients move to the other one, and the other's clients do not notice
    traffic(() -> {
      gatewayB.kill();
      return null;
    });
    System.out.println("gateway killed: slowest ack per sender " + senders.stream().map(x -> x.slowest).toList()
        + " ms (gateway A, B, A, B)");
    for (Sender sender : senders) {
      if (sender.firstPort == portA) {
        assertTrue(sender.slowest < MAX_ACK_MILLIS, sender + " waited " + sender.slowest + " ms");
      } else {
        assertTrue(sender.reconnects > 0, sender + " moved to the other gateway");
      }
    }
    gatewayB = startGateway();
    int portBAgain = Integer.parseInt(gatewayB.awaitLine(LISTENING, 120));
    try (Socket again = Socket.connect(node, portBAgain, senders.get(1).session.bearer())) {
      again.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", again.nextOfType("pong", 10_000).getString("type"));
    }

    // the account service dies: messaging goes on without it
    senders.forEach(Sender::resetSlowest);
    traffic(() -> {
      account.kill();
      return null;
    });
    System.out.println("account service killed: slowest ack per sender " + senders.stream().map(x -> x.slowest)
        .toList() + " ms");
    for (Sender sender : senders) {
      assertTrue(sender.slowest < MAX_ACK_MILLIS, sender + " waited " + sender.slowest + " ms without accounts");
    }
    account = startAccount();
    Session late = awaitLogin(senders.get(0).session);
    try (Socket fresh = Socket.connect(node, portBAgain, late.bearer())) {
      fresh.send(new JsonObject().put("type", "ping"));
      assertEquals("pong", fresh.nextOfType("pong", 10_000).getString("type"));
    }

    for (Receiver receiver : receivers) {
      assertTrue(receiver.pushes > 20, "pushes came: " + receiver.pushes);
      assertEquals(0, receiver.outOfOrder, "pushes below a seq already pushed, after the chat instance came back");
    }
    for (Sender sender : senders) {
      assertTrue(sender.acked.size() > 20, sender + " kept sending: " + sender.acked.size());
      assertEquals(sender.acked, viaA.storedInOrder(sender.session, sender.conversation),
          sender + ": what was acknowledged is what is stored, once each");
    }
  }

  /** Every sender sends for six seconds, with {@code kill} two seconds in. */
  private void traffic(java.util.concurrent.Callable<Void> kill) throws Exception {
    AtomicBoolean sending = new AtomicBoolean(true);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (Sender sender : senders) {
      Thread thread = new Thread(() -> {
        try {
          while (sending.get()) {
            sender.sendNext();
            Thread.sleep(20);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "sender-" + sender.index);
      threads.add(thread);
      thread.start();
    }
    Thread.sleep(2_000);
    kill.call();
    Thread.sleep(4_000);
    sending.set(false);
    for (Thread thread : threads) {
      thread.join(60_000);
    }
    assertEquals(List.of(), failures);
  }

  /** A client that only reads: counts the pushes whose seq is below one it has had already. */
  private static final class Receiver implements AutoCloseable {
    final Socket socket;
    final Thread reader;
    volatile boolean counting;
    volatile boolean open = true;
    volatile int pushes;
    volatile int outOfOrder;
    long highest;

    Receiver(Socket socket) {
      this.socket = socket;
      this.reader = new Thread(this::read, "receiver");
      reader.setDaemon(true);
      reader.start();
    }

    void startCounting() {
      counting = true;
    }

    private void read() {
      while (open) {
        JsonObject frame;
        try {
          frame = socket.next(200);
        } catch (AssertionError quiet) {
          continue;
        }
        if (!"message".equals(frame.getString("type"))) {
          continue;
        }
        long seq = frame.getJsonObject("message").getLong("seq");
        if (counting) {
          pushes++;
          if (seq < highest) {
            outOfOrder++;
          }
        }
        highest = Math.max(highest, seq);
      }
    }

    @Override
    public void close() {
      open = false;
      socket.close();
    }
  }

  /** A client: one message at a time; if its socket dies, it connects to gateway A and sends it again. */
  private final class Sender implements AutoCloseable {
    final int index;
    final Session session;
    final long conversation;
    final int firstPort;
    final List<String> acked = Collections.synchronizedList(new ArrayList<>());
    Socket socket;
    int next;
    int reconnects;
    long slowest;

    Sender(int index, Session session, long conversation, int port) {
      this.index = index;
      this.session = session;
      this.conversation = conversation;
      this.firstPort = port;
      this.socket = Socket.connect(node, port, session.bearer());
    }

    void sendNext() {
      String clientMsgId = "pk-" + index + "-" + next++;
      long started = System.nanoTime();
      for (int attempt = 0; ; attempt++) {
        try {
          socket.sendAndAwaitAck(conversation, clientMsgId, "message " + clientMsgId, 5_000);
          break;
        } catch (Throwable lost) {
          // the socket's future rethrows a closed channel as it is, checked or not
          if (attempt == 3 || String.valueOf(lost.getMessage()).contains("refused")) {
            throw new AssertionError(clientMsgId + " not acknowledged", lost);
          }
          // the gateway went away: the other one, and the same message again
          socket.close();
          socket = Socket.connect(node, portA, session.bearer());
          reconnects++;
          started = System.nanoTime();
        }
      }
      slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      acked.add(clientMsgId);
    }

    void resetSlowest() {
      slowest = 0;
    }

    @Override
    public void close() {
      socket.close();
    }

    @Override
    public String toString() {
      return "sender " + index + (firstPort == portA ? " (gateway A)" : " (gateway B)");
    }
  }

  private Session awaitLogin(Session session) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Api.Reply reply = null;
    while (System.nanoTime() < deadline) {
      reply = viaA.login(session.username(), session.password());
      if (reply.status() == 200) {
        return Api.session(reply.json(), session.password());
      }
      sleep(250);
    }
    throw new AssertionError("no login after the account service came back: " + reply.status() + " "
        + reply.text() + "\n" + account.output());
  }

  /** The ring once it has this many members, as an instance answers it. */
  private ChatRing awaitRing(int members) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    ChatRing ring = null;
    while (System.nanoTime() < deadline) {
      try {
        ring = ChatService.createProxy(node).ring().await();
        if (ring.getMembers().size() == members) {
          return ring;
        }
      } catch (RuntimeException notYet) {
        // starting, or going away
      }
      sleep(100);
    }
    throw new AssertionError("the ring did not reach " + members + " members: " + ring
        + (chat == null ? "" : "\n" + chat.output()));
  }

  private ServiceProcess startChat() throws Exception {
    return ServiceProcess.start("chat", "ling.chat.ChatMain", cluster, Map.of());
  }

  private ServiceProcess startAccount() throws Exception {
    return ServiceProcess.start("account", "ling.account.AccountMain", cluster, Map.of(
        "LING_DATA_DIR", accountData.toAbsolutePath().toString(),
        "LING_RATE_LIMIT_REGISTRATIONS_PER_ADDRESS", "100000"));
  }

  private ServiceProcess startGateway() throws Exception {
    return ServiceProcess.start("gateway", "ling.gateway.GatewayMain", cluster, Map.of("LING_HTTP_PORT", "0"));
  }

  private JsonObject nodeConfig() {
    JsonObject config = TestDatabase.config();
    config.getJsonObject("cluster").put("name", cluster);
    config.getJsonObject("metrics").put("registryName", cluster);
    config.put("dataDir", config.getString("dataDir") + "-" + cluster);
    // the pairs are registered from one address until enough conversations land on each owner
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
