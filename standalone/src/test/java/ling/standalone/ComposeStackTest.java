package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stack as users run it: {@code deploy/compose.yaml}, unchanged, on a real Docker engine, with
 * three chat-service replicas and two gateways behind the proxy. The stack is brought up by
 * {@code deploy/ci/compose-test.sh}, which names the project and the proxy's port (published on
 * the loopback only); every request goes through that port, and only this project's containers
 * are addressed besides. The steps build on each other, in order.
 */
@EnabledIfSystemProperty(named = "ling.compose.project", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ComposeStackTest.LogsOnFailure.class)
class ComposeStackTest {

  private static ComposeStack stack;
  private static Vertx vertx;
  private static Api api;
  private static int port;
  private static Session alice;
  private static Session bob;
  private static Session carol;
  private static long direct;
  private static long groupConversation;
  private static String fileId;
  private static byte[] fileContent;
  private static final Map<Long, List<String>> SENT = new ConcurrentHashMap<>();

  /** Prints every container's log when a step fails. */
  static final class LogsOnFailure implements TestWatcher {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (stack != null) {
        stack.printLogs();
      }
    }
  }

  @BeforeAll
  static void connect() {
    stack = new ComposeStack(System.getProperty("ling.compose.project"),
        System.getProperty("ling.compose.command", "docker-compose"),
        System.getProperty("ling.compose.file", "../deploy/compose.yaml"));
    port = Integer.getInteger("ling.compose.port", 18080);
    vertx = Vertx.vertx();
    api = new Api(vertx, port);
  }

  @AfterAll
  static void close() {
    if (api != null) {
      api.close();
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void everyNodeIsReadyInOneCluster() throws Exception {
    Duration took = stack.awaitWholeCluster(Duration.ofMinutes(4));
    System.out.println("cluster whole, " + ComposeStack.LING_NODES + " nodes, after " + took.toSeconds() + " s more");
    Reply health = api.get("/health", null);
    assertEquals(200, health.status(), health.text());
    assertEquals("UP", health.json().getString("status"));
    // no secret stands in any container's configuration (environment, command, entry point)
    String secretsDir = System.getProperty("ling.compose.secrets");
    if (secretsDir != null) {
      for (String name : List.of("db_password", "turn_secret")) {
        String secret = java.nio.file.Files.readString(java.nio.file.Path.of(secretsDir, name)).strip();
        assertTrue(secret.length() >= 16, name);
        for (String container : stack.containers(null)) {
          String inspected = stack.docker("inspect", container);
          assertFalse(inspected.contains(secret), name + " shows in docker inspect of " + container);
        }
      }
    }
    // TLS at the proxy, with the certificate the run gave it
    String certificate = System.getProperty("ling.compose.tlsCert");
    if (certificate != null) {
      java.net.http.HttpClient tls = java.net.http.HttpClient.newBuilder()
          .sslContext(trusting(java.nio.file.Path.of(certificate))).build();
      HttpResponse<String> https = tls.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
              "https://127.0.0.1:" + Integer.getInteger("ling.compose.tlsPort") + "/api/v1/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, https.statusCode(), https.body());
      assertEquals("UP", new JsonObject(https.body()).getString("status"));
    }
    // the operators' endpoints stay inside
    for (String path : List.of("/metrics", "//metrics", "/%6detrics", "/./metrics")) {
      Reply metrics = api.get(path, null);
      assertEquals(404, metrics.status(), path);
      assertEquals("not_found", metrics.errorCode(), path);
    }
  }

  @Test
  @Order(2)
  void usersOnDifferentGatewaysChatDirectlyAndInAGroup() throws Exception {
    alice = api.register("ca");
    bob = api.register("cb");
    carol = api.register("cc");
    direct = api.befriend(alice, bob);
    api.befriend(alice, carol);
    Reply group = api.post("/groups", alice.bearer(), new JsonObject().put("name", "登山队 ⛰")
        .put("memberIds", new JsonArray().add(bob.id()).add(carol.id())));
    assertEquals(201, group.status(), group.text());
    groupConversation = group.json().getLong("conversationId");

    try (Socket a = Socket.connect(vertx, port, alice.bearer());
         Socket b = Socket.connect(vertx, port, bob.bearer());
         Socket c = Socket.connect(vertx, port, carol.bearer());
         Socket b2 = Socket.connect(vertx, port, bob.bearer())) {
      for (Socket socket : List.of(a, b, c, b2)) {
        FriendsApiTest.ping(socket);
      }
      // the proxy spread the sockets over both gateways
      for (String gateway : stack.containers("gateway")) {
        double sockets = gauge(stack.metrics(gateway), "vertx_http_server_active_ws_connections");
        assertTrue(sockets >= 1, "gateway " + gateway + " holds " + sockets + " sockets");
      }
      a.send(send("d-1", direct, "你好 Bob 👋"));
      assertEquals(1, FriendsApiTest.nextOfType(a, "ack").getLong("seq"));
      for (Socket socket : List.of(b, b2)) {
        assertEquals("你好 Bob 👋", nextMessageIn(socket, direct).getString("text"));
      }
      b.send(send("g-1", groupConversation, "出发!"));
      long seq = FriendsApiTest.nextOfType(b, "ack").getLong("seq");
      for (Socket socket : List.of(a, c)) {
        JsonObject message = nextMessageIn(socket, groupConversation);
        assertEquals("出发!", message.getString("text"));
        assertEquals(seq, message.getLong("seq"));
      }
    }
  }

  @Test
  @Order(3)
  void aFileGoesUpByTusAndComesBackWhole() throws Exception {
    FileClient files = new FileClient(port);
    fileContent = FileClient.random(3 * 1024 * 1024 + 17, 7);
    fileId = files.tusUpload(alice, fileContent, "路线 map.bin");
    Reply sent = api.post("/conversations/" + direct + "/messages", alice.bearer(),
        new JsonObject().put("clientMsgId", "f-1").put("kind", "file").put("fileId", Long.parseLong(fileId)));
    assertEquals(201, sent.status(), sent.text());
    HttpResponse<byte[]> download = files.bytes(bob, files.base + "/files/" + fileId, Map.of());
    assertEquals(200, download.statusCode());
    assertEquals(FileClient.sha256(fileContent), FileClient.sha256(download.body()));
  }

  @Test
  @Order(4)
  void iceServersCarryTurnCredentialsThatCoturnAcceptsAndItRelaysToNoPrivateAddress() throws Exception {
    Reply ice = api.get("/calls/ice-servers", alice.bearer());
    assertEquals(200, ice.status(), ice.text());
    JsonObject turn = ice.array().stream().map(JsonObject.class::cast)
        .filter(server -> server.getJsonArray("urls").getString(0).startsWith("turn:")).findFirst().orElseThrow();
    String username = turn.getString("username");
    String credential = turn.getString("credential");
    assertTrue(username.endsWith(":" + alice.id()), username);
    String url = turn.getJsonArray("urls").getString(0);
    String hostPort = url.substring("turn:".length(), url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    int turnPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    assertEquals("127.0.0.1", host, "the test's public host");

    try (TurnClient client = new TurnClient(host, turnPort)) {
      TurnClient.Response allocation = client.allocate(username, credential);
      assertEquals(401, client.challengeCode(), "nothing is allocated without credentials");
      assertTrue(allocation.success(), "allocation refused with " + allocation.errorCode());
      assertNotNull(allocation.relayedAddress());
      // into the loopback and the private ranges nothing is relayed
      for (String peer : List.of("127.0.0.1", "10.1.2.3", "172.17.0.1", "192.168.1.1", "169.254.1.1")) {
        TurnClient.Response permission = client.createPermission(username, credential, peer);
        assertFalse(permission.success(), "a permission for " + peer);
        assertEquals(403, permission.errorCode(), peer);
      }
      assertTrue(client.createPermission(username, credential, "8.8.8.8").success(), "a public peer is allowed");
    }
    try (TurnClient forger = new TurnClient(host, turnPort)) {
      String forged = Base64.getEncoder().encodeToString(hmac("not-the-secret", username));
      assertEquals(401, forger.allocate(username, forged).errorCode());
    }
  }

  @Test
  @Order(5)
  void killingAChatServiceUnderTrafficLosesNothingAndItsReplicaComesBack() throws Exception {
    int pairs = 3;
    List<Session[]> users = new ArrayList<>();
    List<Long> conversations = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Session sender = api.register("ks");
      Session receiver = api.register("kr");
      users.add(new Session[] {sender, receiver});
      conversations.add(api.befriend(sender, receiver));
    }
    ExecutorService senders = Executors.newFixedThreadPool(pairs);
    long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(24);
    List<Future<Map<String, Long>>> acked = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Session sender = users.get(i)[0];
      long conversation = conversations.get(i);
      String prefix = "k" + i + "-";
      acked.add(senders.submit(() -> sendUntil(sender, conversation, prefix, stopAt)));
    }
    Thread.sleep(6_000);
    String victim = stack.containers("chat-service").get(0);
    long killedAt = System.nanoTime();
    stack.docker("kill", victim);
    System.out.println("killed chat-service " + victim.substring(0, 12));
    // what the deep health check says meanwhile: it asks every service, one instance each time
    long lastDown = -1;
    int downs = 0;
    int asked = 0;
    while (System.nanoTime() < stopAt) {
      asked++;
      if (api.get("/health", null).status() != 200) {
        downs++;
        lastDown = System.nanoTime();
      }
      Thread.sleep(250);
    }
    senders.shutdown();
    assertTrue(senders.awaitTermination(3, TimeUnit.MINUTES));
    long lastDownSeconds = lastDown < 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(lastDown - killedAt);
    System.out.println("/health after the kill: " + downs + " of " + asked + " answers DOWN, the last "
        + lastDownSeconds + " s after it");
    // the dead member leaves the cluster once its pings fail, not after Hazelcast's minute
    assertTrue(lastDownSeconds <= 10, "/health was DOWN " + lastDownSeconds + " s after the kill");

    for (int i = 0; i < pairs; i++) {
      Map<String, Long> mine = acked.get(i).get();
      long conversation = conversations.get(i);
      List<JsonObject> stored = catchUp(users.get(i)[1], conversation, 0);
      List<Long> seqs = stored.stream().map(m -> m.getLong("seq")).toList();
      for (int s = 0; s < seqs.size(); s++) {
        assertEquals(s + 1L, seqs.get(s), "seq without gaps, in order");
      }
      Map<String, Long> storedIds = new HashMap<>();
      for (JsonObject message : stored) {
        assertEquals(null, storedIds.put(message.getString("clientMsgId"), message.getLong("seq")),
            "stored once: " + message.getString("clientMsgId"));
      }
      assertEquals(mine, storedIds, "every acknowledged message is stored, at the seq its ack gave");
      assertTrue(mine.size() > 50, "traffic went on: " + mine.size());
      System.out.println("pair " + i + ": " + mine.size() + " messages acknowledged, each stored once in seq order");
    }
    System.out.println("the slowest ack, resends included, took " + SLOWEST_ACK_MILLIS.get() + " ms");
    // pings notice the silent address within a few seconds (1.9-4.2 s seen on a shared 2-core
    // machine); the heartbeat alone took over 10 s
    assertTrue(SLOWEST_ACK_MILLIS.get() < 8_000, "a send waited " + SLOWEST_ACK_MILLIS.get() + " ms");
    System.out.println("the killed instance's requests were settled within "
        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt) + " s of the kill");

    // the replica comes back, and serves alone once the other two step aside
    stack.up();
    stack.awaitWholeCluster(Duration.ofMinutes(4));
    List<String> others = stack.containers("chat-service").stream().filter(id -> !victim.startsWith(id)).toList();
    List<String> back = stack.containers("chat-service").stream().filter(id -> victim.startsWith(id)).toList();
    List<String> stepAside = back.isEmpty() ? others.subList(0, 2) : others;
    stack.docker(concat("stop", stepAside));
    try (Socket socket = Socket.connect(vertx, port, users.get(0)[0].bearer())) {
      FriendsApiTest.ping(socket);
      socket.send(send("after-replica", conversations.get(0), "served by the replica"));
      JsonObject ack = awaitAck(socket, "after-replica", 30_000);
      assertNotNull(ack, "the remaining chat-service answered");
    }
    stack.up();
    stack.awaitWholeCluster(Duration.ofMinutes(4));
  }

  @Test
  @Order(6)
  void downThenUpKeepsAccountsMessagesAndFiles() throws Exception {
    stack.compose("down");
    assertTrue(stack.containers(null).isEmpty());
    stack.up();
    stack.awaitWholeCluster(Duration.ofMinutes(4));
    assertStillThere();
  }

  @Test
  @Order(7)
  void everyContainerRestartedAtOnceFormsOneCluster() throws Exception {
    List<String> all = stack.containers(null);
    assertEquals(ComposeStack.LING_NODES + 3, all.size());
    // as after a host's reboot: everything at once, in no order
    stack.docker(concat("kill", all));
    stack.docker(concat("start", all));
    Duration took = stack.awaitWholeCluster(Duration.ofMinutes(5));
    System.out.println("after a restart of every container at once, the cluster was whole in " + took.toSeconds() + " s");
    assertStillThere();
    try (Socket a = Socket.connect(vertx, port, alice.bearer());
         Socket b = Socket.connect(vertx, port, bob.bearer())) {
      FriendsApiTest.ping(a);
      FriendsApiTest.ping(b);
      a.send(send("after-restart", direct, "still here"));
      assertNotNull(awaitAck(a, "after-restart", 30_000));
      assertEquals("still here", nextMessageIn(b, direct).getString("text"));
    }
  }

  @Test
  @Order(8)
  void theAssistantServesThroughTheProxyAndSaysInWordsThatItsBackendIsAway() throws Exception {
    // its backend is the container's own loopback, where nothing listens (deploy/ci/compose-test.sh)
    awaitProxyRoutes();
    Session dee = api.register("cd");
    JsonObject status = null;
    long until = System.currentTimeMillis() + 60_000;
    while (status == null || status.getLong("conversationId") == 0) {
      Reply reply = api.get("/assistant", dee.bearer());
      if (reply.status() == 200) {
        status = reply.json();
      } else if (System.currentTimeMillis() > until) {
        throw new AssertionError("no assistant: " + reply.status() + " " + reply.text());
      }
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("the assistant's conversation did not open: " + status);
      }
      Thread.sleep(500);
    }
    long conversation = status.getLong("conversationId");
    int left = status.getInteger("remaining");
    try (Socket socket = Socket.connect(vertx, port, dee.bearer())) {
      socket.send(send("ask-1", conversation, "hello?"));
      assertNotNull(awaitAck(socket, "ask-1", 30_000));
      JsonObject error = socket.nextOfType("assistant.error", 30_000);
      assertEquals("assistant_backend_unavailable", error.getString("code"), error.encode());
    }
    assertEquals(left, api.get("/assistant", dee.bearer()).json().getInteger("remaining"), "given back");
  }

  private static void assertStillThere() throws Exception {
    awaitProxyRoutes();
    Reply login = api.login(alice.username(), alice.password());
    assertEquals(200, login.status(), login.text());
    Session again = Api.session(login.json(), alice.password());
    List<JsonObject> history = catchUp(again, direct, 0);
    assertTrue(history.stream().anyMatch(m -> "你好 Bob 👋".equals(m.getString("text"))), "the direct message");
    assertTrue(history.stream().anyMatch(m -> m.getJsonObject("file") != null
        && "路线 map.bin".equals(m.getJsonObject("file").getString("name"))), "the file message");
    List<JsonObject> group = catchUp(again, groupConversation, 0);
    assertTrue(group.stream().anyMatch(m -> "出发!".equals(m.getString("text"))), "the group message");
    FileClient files = new FileClient(port);
    HttpResponse<byte[]> download = files.bytes(again, files.base + "/files/" + fileId, Map.of());
    assertEquals(200, download.statusCode());
    assertEquals(FileClient.sha256(fileContent), FileClient.sha256(download.body()));
  }

  /**
   * Sends one message after another until the time is up, each resent with its clientMsgId until
   * acknowledged, on a new socket when one is lost; returns clientMsgId → seq of the acks.
   */
  /**
   * A restarted proxy marks gateways up only after its own checks pass (two, 2 s apart), which can
   * be after every container reports healthy: until then it answers 503.
   */
  private static void awaitProxyRoutes() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (api.get("/health", null).status() == 503 && System.nanoTime() < deadline) {
      ComposeStack.sleep(500);
    }
  }

  /** The longest any message of {@link #sendUntil} waited for its ack, resends included. */
  private static final java.util.concurrent.atomic.AtomicLong SLOWEST_ACK_MILLIS =
      new java.util.concurrent.atomic.AtomicLong();

  private static Map<String, Long> sendUntil(Session sender, long conversation, String prefix, long stopAt) {
    Map<String, Long> acked = new LinkedHashMap<>();
    Socket socket = null;
    try {
      for (int n = 0; System.nanoTime() < stopAt; n++) {
        String clientMsgId = prefix + n;
        long started = System.nanoTime();
        JsonObject ack = null;
        for (int attempt = 0; ack == null; attempt++) {
          assertTrue(attempt < 20, clientMsgId + " never acknowledged");
          try {
            if (socket == null || socket.closed.isDone()) {
              if (socket != null) {
                socket.close();
              }
              socket = Socket.connect(vertx, port, sender.bearer());
            }
            socket.send(send(clientMsgId, conversation, "message " + n));
            ack = awaitAck(socket, clientMsgId, 20_000);
          } catch (RuntimeException | AssertionError e) {
            ComposeStack.sleep(500);
          }
        }
        acked.put(clientMsgId, ack.getLong("seq"));
        SLOWEST_ACK_MILLIS.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
        ComposeStack.sleep(40);
      }
    } finally {
      if (socket != null) {
        socket.close();
      }
    }
    return acked;
  }

  /** The ack of that clientMsgId, or null on its error frame or after the time. */
  private static JsonObject awaitAck(Socket socket, String clientMsgId, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject frame;
      try {
        frame = socket.next(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (AssertionError timeout) {
        return null;
      }
      if ("ack".equals(frame.getString("type")) && clientMsgId.equals(frame.getString("clientMsgId"))) {
        return frame;
      }
      if ("error".equals(frame.getString("type")) && clientMsgId.equals(frame.getString("ref"))) {
        return null;
      }
    }
    return null;
  }

  /** The next message pushed for that conversation (others are skipped). */
  private static JsonObject nextMessageIn(Socket socket, long conversation) {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = FriendsApiTest.nextOfType(socket, "message");
      if (frame.getJsonObject("message").getLong("conversationId") == conversation) {
        return frame.getJsonObject("message");
      }
    }
    throw new AssertionError("no message in conversation " + conversation);
  }

  /** Everything after a seq, page by page, as a client catches up. */
  private static List<JsonObject> catchUp(Session reader, long conversation, long afterSeq) {
    List<JsonObject> all = new ArrayList<>();
    long after = afterSeq;
    while (true) {
      Reply page = api.get("/conversations/" + conversation + "/messages?afterSeq=" + after + "&limit=200", reader.bearer());
      assertEquals(200, page.status(), page.text());
      JsonArray items = page.array();
      if (items.isEmpty()) {
        return all;
      }
      for (Object item : items) {
        all.add((JsonObject) item);
      }
      after = all.get(all.size() - 1).getLong("seq");
    }
  }

  private static JsonObject send(String clientMsgId, long conversation, String text) {
    return new JsonObject().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversation).put("kind", "text").put("text", text);
  }

  private static double gauge(String prometheus, String name) {
    return prometheus.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** Trusts just the certificate in that PEM file. */
  private static javax.net.ssl.SSLContext trusting(java.nio.file.Path pem) throws Exception {
    java.security.cert.Certificate certificate;
    try (var in = java.nio.file.Files.newInputStream(pem)) {
      certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("ling", certificate);
    javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static byte[] hmac(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
    return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String[] concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
