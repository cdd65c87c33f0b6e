package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import ling.api.account.AccountService;
import ling.api.media.MediaSignalingService;
import ling.standalone.Api.Session;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls on a stack with short timers, a small participant limit and a TURN secret. */
class CallLimitsTest {

  private static final String TURN_SECRET = "north-wind-3478";

  private TestStack stack;
  private Api api;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() {
    stack = TestStack.start(config -> {
      config.getJsonObject("calls").put("ringSeconds", 1).put("maxParticipants", 3).put("sweepMillis", 200)
          .put("turnSecret", TURN_SECRET).put("turnUrls", "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349")
          .put("turnTtlSeconds", 3600);
      config.getJsonObject("presence").put("heartbeatSeconds", 1).put("nodeTimeoutSeconds", 3);
    });
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stop() {
    sockets.forEach(Socket::close);
    api.close();
    stack.close();
  }

  @Test
  void aCallNobodyAnswersIsMissedAfterTheRingingTimeout() {
    Session alice = api.register("early");
    Session bob = api.register("asleep");
    long conversation = api.befriend(alice, bob);
    Socket aliceSocket = open(alice);
    Socket bobSocket = open(bob);
    api.awaitOnline(alice, bob);
    aliceSocket.send(new JsonObject().put("type", "call.invite").put("conversationId", conversation).put("media", "audio"));
    long callId = nextOfType(aliceSocket, "call.ringing").getLong("callId");
    nextOfType(bobSocket, "call.incoming");
    assertEquals("timeout", nextOfType(aliceSocket, "call.ended").getString("reason"));
    assertEquals("timeout", nextOfType(bobSocket, "call.ended").getString("reason"));
    JsonObject missed = nextOfType(bobSocket, "message").getJsonObject("message");
    assertEquals("call", missed.getString("kind"));
    assertEquals(alice.id(), missed.getLong("senderId"));
    assertEquals(new JsonObject().put("media", "audio").put("outcome", "missed").put("durationMs", 0),
        missed.getJsonObject("call"));
    bobSocket.send(new JsonObject().put("type", "call.accept").put("callId", callId));
    assertEquals("call_ended", nextOfType(bobSocket, "error").getJsonObject("error").getString("code"));
  }

  @Test
  void aRingingCallWhoseServiceInstanceWentAwayIsStillMissed() {
    Session alice = api.register("orphan");
    Session bob = api.register("waiting");
    long conversation = api.befriend(alice, bob);
    Socket aliceSocket = open(alice);
    Socket bobSocket = open(bob);
    api.awaitOnline(alice, bob);
    aliceSocket.send(new JsonObject().put("type", "call.invite").put("conversationId", conversation).put("media", "video"));
    long callId = nextOfType(aliceSocket, "call.ringing").getLong("callId");
    nextOfType(bobSocket, "call.incoming");
    // the instance that would have timed it out is gone; another one finds it overdue
    stack.restartService("media", ling.media.impl.MediaSignalingVerticle::new);
    JsonObject ended = bobSocket.nextOfType("call.ended", 15_000);
    assertEquals(callId, ended.getLong("callId"));
    assertEquals("timeout", ended.getString("reason"));
    assertEquals("missed", bobSocket.nextOfType("message", 5_000).getJsonObject("message").getJsonObject("call")
        .getString("outcome"));
  }

  @Test
  void aGroupCallTakesAtMostTheConfiguredNumberOfParticipants() {
    Session owner = api.register("full");
    List<Session> members = List.of(api.register("f1"), api.register("f2"), api.register("f3"));
    members.forEach(m -> api.befriend(owner, m));
    long conversation = api.post("/groups", owner.bearer(), new JsonObject().put("name", "crowd")
        .put("memberIds", new JsonArray(members.stream().map(Session::id).toList()))).json().getLong("conversationId");
    Socket host = open(owner);
    host.send(new JsonObject().put("type", "call.invite").put("conversationId", conversation).put("media", "video"));
    long callId = nextOfType(host, "call.ringing").getLong("callId");
    for (int i = 0; i < 3; i++) {
      Socket member = open(members.get(i));
      member.send(new JsonObject().put("type", "call.join").put("callId", callId));
      JsonObject answer = nextOfType(member, i < 2 ? "call.joined" : "error");
      if (i == 2) {
        assertEquals("call_full", answer.getJsonObject("error").getString("code"));
      }
    }
  }

  @Test
  void turnCredentialsFollowTheTurnRestScheme() {
    Session alice = api.register("relay");
    long before = System.currentTimeMillis() / 1000;
    JsonArray servers = api.get("/calls/ice-servers", alice.bearer()).array();
    assertEquals(2, servers.size());
    JsonObject turn = servers.getJsonObject(1);
    assertEquals(new JsonArray().add("turn:turn.example.org:3478?transport=udp").add("turns:turn.example.org:5349"),
        turn.getJsonArray("urls"));
    String username = turn.getString("username");
    String[] parts = username.split(":");
    assertEquals(Long.toString(alice.id()), parts[1]);
    long expiry = Long.parseLong(parts[0]);
    assertTrue(expiry >= before + 3600 && expiry <= System.currentTimeMillis() / 1000 + 3600, username);
    // computed here with another HMAC implementation than the server's
    HMac hmac = new HMac(new SHA1Digest());
    hmac.init(new KeyParameter(TURN_SECRET.getBytes(StandardCharsets.UTF_8)));
    byte[] input = username.getBytes(StandardCharsets.UTF_8);
    hmac.update(input, 0, input.length);
    byte[] out = new byte[hmac.getMacSize()];
    hmac.doFinal(out, 0);
    assertEquals(Base64.getEncoder().encodeToString(out), turn.getString("credential"));
  }

  @Test
  void theCallsOfAGatewayNodeThatDiesEnd() {
    Session alice = api.register("vanishing");
    Session bob = api.register("left_behind");
    long conversation = api.befriend(alice, bob);
    Socket bobSocket = open(bob);
    // a gateway node holds Alice's socket and starts a call for it, then dies without a word
    AccountService accounts = AccountService.createProxy(stack.vertx);
    accounts.presenceReport("node-that-dies", List.of(alice.id()), List.of()).await();
    long callId = MediaSignalingService.createProxy(stack.vertx)
        .invite(alice.id(), "node-that-dies/1", conversation, "video").await().getCallId();
    nextOfType(bobSocket, "call.incoming");
    bobSocket.send(new JsonObject().put("type", "call.accept").put("callId", callId));
    nextOfType(bobSocket, "call.accepted");
    long accepted = System.currentTimeMillis();
    JsonObject ended = bobSocket.nextOfType("call.ended", 15_000);
    assertEquals(callId, ended.getLong("callId"));
    assertEquals(alice.id(), ended.getLong("userId"));
    assertTrue(System.currentTimeMillis() - accepted < 10_000, "ended once the node was found dead");
    // bob is free again
    Socket aliceSocket = open(alice);
    aliceSocket.send(new JsonObject().put("type", "call.invite").put("conversationId", conversation).put("media", "audio"));
    nextOfType(aliceSocket, "call.ringing");
  }

  private Socket open(Session user) {
    Socket socket = Socket.connect(stack.vertx, stack.port, user.bearer());
    sockets.add(socket);
    ping(socket);
    return socket;
  }

}
