package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static ling.standalone.FriendsApiTest.pingExpectingNo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 1:1 and group calls over real sockets: two devices per user, strangers, drops and every ending. */
class CallsTest extends SharedStackTest {

  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeSockets() {
    sockets.forEach(Socket::close);
  }

  @Test
  void everyDeviceRingsTheFirstAcceptWinsAndSignalsReachOnlyTheOtherParticipant() {
    Session alice = api.register("caller");
    Session bob = api.register("callee");
    Session mallory = api.register("intruder");
    long conversation = api.befriend(alice, bob);
    Socket alicePhone = open(alice);
    Socket aliceDesk = open(alice);
    Socket bobPhone = open(bob);
    Socket bobDesk = open(bob);
    Socket malloryDesk = open(mallory);
    api.awaitOnline(alice, bob);

    alicePhone.send(frame("call.invite").put("conversationId", conversation).put("media", "video"));
    JsonObject ringing = nextOfType(alicePhone, "call.ringing");
    long callId = ringing.getLong("callId");
    for (Socket device : List.of(bobPhone, bobDesk)) {
      JsonObject incoming = nextOfType(device, "call.incoming");
      assertEquals(callId, incoming.getLong("callId"));
      assertEquals(conversation, incoming.getLong("conversationId"));
      assertEquals(alice.id(), incoming.getLong("from"));
      assertEquals("video", incoming.getString("media"));
      assertEquals(false, incoming.getBoolean("group"));
      assertEquals(new JsonArray().add(alice.id()), incoming.getJsonArray("participants"));
    }

    bobDesk.send(frame("call.accept").put("callId", callId));
    assertEquals(bob.id(), nextOfType(alicePhone, "call.accepted").getLong("userId"));
    assertEquals(callId, nextOfType(bobDesk, "call.accepted").getLong("callId"));
    assertEquals("answered_elsewhere", nextOfType(bobPhone, "call.ended").getString("reason"));
    // a second accept from the other device loses
    bobPhone.send(frame("call.accept").put("callId", callId));
    assertEquals("answered_elsewhere", errorCode(bobPhone));

    // the offer, the answer and candidates go between the two devices in the call, nowhere else
    JsonObject offer = new JsonObject().put("sdp", new JsonObject().put("type", "offer").put("sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"));
    alicePhone.send(signal(callId, bob.id(), offer));
    JsonObject relayed = nextOfType(bobDesk, "call.signal");
    assertEquals(alice.id(), relayed.getLong("fromUserId"));
    assertEquals(offer, relayed.getJsonObject("signal"));
    JsonObject answer = new JsonObject().put("sdp", new JsonObject().put("type", "answer").put("sdp", "v=0\r\n"));
    bobDesk.send(signal(callId, alice.id(), answer));
    assertEquals(answer, nextOfType(alicePhone, "call.signal").getJsonObject("signal"));
    JsonObject candidate = new JsonObject().put("candidate", new JsonObject()
        .put("candidate", "candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host").put("sdpMid", "0").put("sdpMLineIndex", 0));
    alicePhone.send(signal(callId, bob.id(), candidate));
    assertEquals(candidate, nextOfType(bobDesk, "call.signal").getJsonObject("signal"));
    // a burst of signals reaches the peer in the order it was written
    for (int i = 0; i < 20; i++) {
      alicePhone.send(signal(callId, bob.id(), new JsonObject().put("candidate", new JsonObject()
          .put("candidate", "candidate:" + i + " 1 udp 2122260223 10.0.0.2 " + (50000 + i) + " typ host")
          .put("sdpMid", "0").put("sdpMLineIndex", 0))));
    }
    for (int i = 0; i < 20; i++) {
      assertTrue(nextOfType(bobDesk, "call.signal").getJsonObject("signal").getJsonObject("candidate")
          .getString("candidate").startsWith("candidate:" + i + " "), "signal " + i + " in its place");
    }
    // switching to voice: what the sender now sends, and nothing more
    JsonObject media = new JsonObject().put("media", new JsonObject().put("video", false).put("camera", false));
    bobDesk.send(signal(callId, alice.id(), media.copy().put("extra", 1)));
    assertEquals("invalid_request", errorCode(bobDesk));
    bobDesk.send(signal(callId, alice.id(), new JsonObject().put("media", new JsonObject().put("video", "yes").put("camera", false))));
    assertEquals("invalid_request", errorCode(bobDesk));
    bobDesk.send(signal(callId, alice.id(), new JsonObject().put("media", media.getJsonObject("media").copy().put("note", "x"))));
    assertEquals(media, nextOfType(alicePhone, "call.signal").getJsonObject("signal"));

    // refused and relayed nowhere: a stranger, the caller's other device, someone not in the call, a bad shape
    malloryDesk.send(signal(callId, bob.id(), offer));
    assertEquals("not_found", errorCode(malloryDesk));
    aliceDesk.send(signal(callId, bob.id(), offer));
    assertEquals("not_found", errorCode(aliceDesk));
    alicePhone.send(signal(callId, mallory.id(), offer));
    assertEquals("invalid_request", errorCode(alicePhone));
    alicePhone.send(signal(callId, bob.id(), offer.copy().mergeIn(candidate)));
    assertEquals("invalid_request", errorCode(alicePhone));
    alicePhone.send(signal(callId, bob.id(), new JsonObject().put("sdp", new JsonObject().put("type", "bogus").put("sdp", ""))));
    assertEquals("invalid_request", errorCode(alicePhone));
    malloryDesk.send(frame("call.hangup").put("callId", callId));
    assertEquals("not_found", errorCode(malloryDesk));
    pingExpectingNo(bobDesk, "call.signal");
    pingExpectingNo(bobPhone, "call.signal");
    pingExpectingNo(malloryDesk, "call.signal");
    pingExpectingNo(aliceDesk, "call.incoming");

    bobDesk.send(frame("call.hangup").put("callId", callId));
    JsonObject ended = nextOfType(alicePhone, "call.ended");
    assertEquals("hangup", ended.getString("reason"));
    assertEquals(bob.id(), ended.getLong("userId"));
    assertEquals("hangup", nextOfType(bobDesk, "call.ended").getString("reason"));
    JsonObject record = callMessage(alice, conversation, callId);
    assertEquals(alice.id(), record.getLong("senderId"));
    assertEquals("video", record.getJsonObject("call").getString("media"));
    assertEquals("completed", record.getJsonObject("call").getString("outcome"));
    assertTrue(record.getJsonObject("call").getLong("durationMs") >= 0);
    // a hangup of a call that is over changes nothing
    alicePhone.send(frame("call.hangup").put("callId", callId));
    pingExpectingNo(alicePhone, "error");

    // nobody is left busy: the next call rings
    bobPhone.send(frame("call.invite").put("conversationId", conversation).put("media", "audio"));
    long second = nextOfType(bobPhone, "call.ringing").getLong("callId");
    assertEquals(second, nextOfType(aliceDesk, "call.incoming").getLong("callId"));
    bobPhone.send(frame("call.hangup").put("callId", second));
    assertEquals("cancelled", nextOfType(aliceDesk, "call.ended").getString("reason"));
  }

  @Test
  void aStrangerCannotTellALiveOneToOneCallFromNone() {
    Session alice = api.register("oracle-a");
    Session bob = api.register("oracle-b");
    Session eve = api.register("oracle-e");
    long conversation = api.befriend(alice, bob);
    Socket aliceDesk = open(alice);
    open(bob);
    Socket eveDesk = open(eve);
    api.awaitOnline(alice, bob);
    aliceDesk.send(frame("call.invite").put("conversationId", conversation).put("media", "audio"));
    long callId = nextOfType(aliceDesk, "call.ringing").getLong("callId");

    eveDesk.send(frame("call.join").put("callId", callId));
    JsonObject live = nextOfType(eveDesk, "error").getJsonObject("error");
    eveDesk.send(frame("call.join").put("callId", callId + 1_000_000));
    JsonObject none = nextOfType(eveDesk, "error").getJsonObject("error");
    assertEquals(none, live);
    assertEquals("not_found", live.getString("code"));
  }

  @Test
  void rejectedCancelledBusyAndOfflineCallsEndAndLeaveTheirMessage() {
    Session alice = api.register("ringer");
    Session bob = api.register("busybody");
    Session carol = api.register("third");
    Session dave = api.register("away");
    long aliceBob = api.befriend(alice, bob);
    long carolBob = api.befriend(carol, bob);
    long aliceCarol = api.befriend(alice, carol);
    long aliceDave = api.befriend(alice, dave);
    Socket aliceSocket = open(alice);
    Socket aliceDesk = open(alice);
    Socket bobPhone = open(bob);
    Socket bobDesk = open(bob);
    Socket carolSocket = open(carol);
    api.awaitOnline(alice, bob);
    api.awaitOnline(carol, bob);
    api.awaitOnline(alice, carol);

    // rejected: the caller is told, and every device of the callee stops ringing
    long rejected = invite(aliceSocket, aliceBob, "audio");
    nextOfType(bobPhone, "call.incoming");
    nextOfType(bobDesk, "call.incoming");
    bobPhone.send(frame("call.reject").put("callId", rejected));
    assertEquals(bob.id(), nextOfType(aliceSocket, "call.rejected").getLong("userId"));
    assertEquals(rejected, nextOfType(bobDesk, "call.rejected").getLong("callId"));
    assertEquals("rejected", callMessage(alice, aliceBob, rejected).getJsonObject("call").getString("outcome"));
    bobPhone.send(frame("call.accept").put("callId", rejected));
    assertEquals("call_ended", errorCode(bobPhone));

    // cancelled by the caller while it rings
    long cancelled = invite(aliceSocket, aliceBob, "video");
    nextOfType(bobPhone, "call.incoming");
    aliceSocket.send(frame("call.hangup").put("callId", cancelled));
    assertEquals("cancelled", nextOfType(bobPhone, "call.ended").getString("reason"));
    assertEquals("cancelled", nextOfType(bobDesk, "call.ended").getString("reason"));
    assertEquals("cancelled", callMessage(alice, aliceBob, cancelled).getJsonObject("call").getString("outcome"));

    // busy: bob is in a call with alice; carol's call is refused and recorded, alice cannot start another
    long connected = invite(aliceSocket, aliceBob, "audio");
    nextOfType(bobDesk, "call.incoming");
    bobDesk.send(frame("call.accept").put("callId", connected));
    nextOfType(aliceSocket, "call.accepted");
    carolSocket.send(frame("call.invite").put("conversationId", carolBob).put("media", "video"));
    assertEquals("busy", errorCode(carolSocket));
    JsonObject busy = lastMessage(carol, carolBob);
    assertEquals("call", busy.getString("kind"));
    assertEquals("busy", busy.getJsonObject("call").getString("outcome"));
    assertEquals(carol.id(), busy.getLong("senderId"));
    aliceSocket.send(frame("call.invite").put("conversationId", aliceCarol).put("media", "audio"));
    assertEquals("busy", errorCode(aliceSocket));
    pingExpectingNo(carolSocket, "call.incoming");
    aliceSocket.send(frame("call.hangup").put("callId", connected));
    nextOfType(bobDesk, "call.ended");

    // offline: dave has no socket; the attempt is a missed call in the conversation
    aliceSocket.send(frame("call.invite").put("conversationId", aliceDave).put("media", "audio"));
    assertEquals("offline", errorCode(aliceSocket));
    assertEquals("missed", lastMessage(alice, aliceDave).getJsonObject("call").getString("outcome"));
    // the caller's other device took no part in any of it
    aliceDesk.send(frame("ping"));
    for (JsonObject next = aliceDesk.next(); !"pong".equals(next.getString("type")); next = aliceDesk.next()) {
      assertTrue(!next.getString("type").startsWith("call.") && !"error".equals(next.getString("type")),
          next.encode());
    }
  }

  @Test
  void aDroppedSocketEndsItsCallsAndNobodyStaysBusy() {
    Session alice = api.register("dropper");
    Session bob = api.register("dropped");
    long conversation = api.befriend(alice, bob);
    Socket aliceSocket = open(alice);
    Socket bobPhone = open(bob);
    Socket bobDesk = open(bob);
    api.awaitOnline(alice, bob);

    long callId = invite(aliceSocket, conversation, "video");
    nextOfType(bobPhone, "call.incoming");
    bobPhone.send(frame("call.accept").put("callId", callId));
    nextOfType(aliceSocket, "call.accepted");
    assertEquals("answered_elsewhere", nextOfType(bobDesk, "call.ended").getString("reason"));
    bobPhone.close();
    JsonObject ended = nextOfType(aliceSocket, "call.ended");
    assertEquals(callId, ended.getLong("callId"));
    assertEquals(bob.id(), ended.getLong("userId"));
    assertEquals("completed", callMessage(alice, conversation, callId).getJsonObject("call").getString("outcome"));

    // bob's other device gets the next call: nothing was left busy
    long again = invite(aliceSocket, conversation, "audio");
    assertEquals(again, nextOfType(bobDesk, "call.incoming").getLong("callId"));
    // the caller's socket drops while it rings: the call is cancelled
    aliceSocket.close();
    assertEquals("cancelled", nextOfType(bobDesk, "call.ended").getString("reason"));
    Socket aliceAgain = open(alice);
    long third = invite(aliceAgain, conversation, "audio");
    assertEquals(third, nextOfType(bobDesk, "call.incoming").getLong("callId"));
    aliceAgain.send(frame("call.hangup").put("callId", third));
  }

  @Test
  void aGroupCallOfFourWithJoinsLeavesAndADrop() {
    Session owner = api.register("host");
    List<Session> members = List.of(api.register("m1"), api.register("m2"), api.register("m3"));
    Session stranger = api.register("gatecrasher");
    members.forEach(m -> api.befriend(owner, m));
    JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "standup")
        .put("memberIds", new JsonArray(members.stream().map(Session::id).toList()))).json();
    long conversation = group.getLong("conversationId");
    Socket host = open(owner);
    Socket m1 = open(members.get(0));
    Socket m2 = open(members.get(1));
    Socket m3 = open(members.get(2));
    Socket outsider = open(stranger);

    host.send(frame("call.invite").put("conversationId", conversation).put("media", "video"));
    JsonObject ringing = nextOfType(host, "call.ringing");
    assertEquals(true, ringing.getBoolean("group"));
    long callId = ringing.getLong("callId");
    for (Socket member : List.of(m1, m2, m3)) {
      JsonObject incoming = nextOfType(member, "call.incoming");
      assertEquals(callId, incoming.getLong("callId"));
      assertEquals(true, incoming.getBoolean("group"));
      assertEquals(new JsonArray().add(owner.id()), incoming.getJsonArray("participants"));
    }
    pingExpectingNo(outsider, "call.incoming");

    assertEquals(Set.of(owner.id()), participants(join(m1, callId)));
    assertEquals(members.get(0).id(), nextOfType(host, "call.participant_joined").getLong("userId"));
    assertEquals(Set.of(owner.id(), members.get(0).id()), participants(join(m2, callId)));
    nextOfType(host, "call.participant_joined");
    assertEquals(members.get(1).id(), nextOfType(m1, "call.participant_joined").getLong("userId"));
    // the joiner offers to each one present
    JsonObject offer = new JsonObject().put("sdp", new JsonObject().put("type", "offer").put("sdp", "v=0\r\n"));
    m2.send(signal(callId, owner.id(), offer));
    m2.send(signal(callId, members.get(0).id(), offer));
    assertEquals(members.get(1).id(), nextOfType(host, "call.signal").getLong("fromUserId"));
    assertEquals(members.get(1).id(), nextOfType(m1, "call.signal").getLong("fromUserId"));
    // someone outside the group cannot join or signal
    outsider.send(frame("call.join").put("callId", callId));
    assertEquals("not_found", errorCode(outsider));
    outsider.send(signal(callId, owner.id(), offer));
    assertEquals("not_found", errorCode(outsider));
    // a member inviting into the group that has a call joins it
    m3.send(frame("call.invite").put("conversationId", conversation).put("media", "audio"));
    JsonObject joined = nextOfType(m3, "call.joined");
    assertEquals(callId, joined.getLong("callId"));
    assertEquals(Set.of(owner.id(), members.get(0).id(), members.get(1).id()), participants(joined));
    for (Socket present : List.of(host, m1, m2)) {
      assertEquals(members.get(2).id(), nextOfType(present, "call.participant_joined").getLong("userId"));
    }

    // the host leaves, a member's socket drops, the host comes back
    host.send(frame("call.leave").put("callId", callId));
    for (Socket present : List.of(m1, m2, m3)) {
      assertEquals(owner.id(), nextOfType(present, "call.participant_left").getLong("userId"));
    }
    m1.close();
    for (Socket present : List.of(m2, m3)) {
      assertEquals(members.get(0).id(), nextOfType(present, "call.participant_left").getLong("userId"));
    }
    assertEquals(Set.of(members.get(1).id(), members.get(2).id()), participants(join(host, callId)));
    // the last ones out end it, for every member
    m2.send(frame("call.hangup").put("callId", callId));
    assertEquals(members.get(1).id(), nextOfType(host, "call.participant_left").getLong("userId"));
    m3.send(frame("call.leave").put("callId", callId));
    host.send(frame("call.leave").put("callId", callId));
    for (Socket member : List.of(host, m2, m3)) {
      assertEquals("hangup", nextOfType(member, "call.ended").getString("reason"));
    }
    JsonObject record = callMessage(owner, conversation, callId);
    assertEquals("completed", record.getJsonObject("call").getString("outcome"));
    m2.send(frame("call.join").put("callId", callId));
    assertEquals("call_ended", errorCode(m2));
  }

  @Test
  void membersWhoLeaveTheGroupOrAreRemovedLeaveItsCall() {
    Session owner = api.register("gc-owner");
    List<Session> members = List.of(api.register("gc-1"), api.register("gc-2"), api.register("gc-3"));
    members.forEach(m -> api.befriend(owner, m));
    JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "leavers")
        .put("memberIds", new JsonArray(members.stream().map(Session::id).toList()))).json();
    long groupId = group.getLong("id");
    long conversation = group.getLong("conversationId");
    Socket host = open(owner);
    Socket m1 = open(members.get(0));
    Socket m2 = open(members.get(1));
    Socket m3 = open(members.get(2));
    host.send(frame("call.invite").put("conversationId", conversation).put("media", "video"));
    long callId = nextOfType(host, "call.ringing").getLong("callId");
    join(m1, callId);
    join(m2, callId);
    join(m3, callId);

    // removed by the owner: out of the call at once, and the others are told
    assertEquals(204, api.call(io.vertx.core.http.HttpMethod.DELETE, "/groups/" + groupId + "/members/"
        + members.get(0).id(), owner.bearer(), null).status());
    JsonObject ended = nextOfType(m1, "call.ended");
    assertEquals(callId, ended.getLong("callId"));
    assertEquals("removed", ended.getString("reason"));
    for (Socket present : List.of(host, m2, m3)) {
      assertLeft(present, members.get(0).id());
    }
    // and may no longer signal to those still in it
    JsonObject offer = new JsonObject().put("sdp", new JsonObject().put("type", "offer").put("sdp", "v=0\r\n"));
    m1.send(signal(callId, owner.id(), offer));
    assertEquals("not_found", errorCode(m1));

    // leaving the group leaves the call too
    assertEquals(204, api.call(io.vertx.core.http.HttpMethod.DELETE, "/groups/" + groupId + "/members/"
        + members.get(1).id(), members.get(1).bearer(), null).status());
    assertEquals("removed", nextOfType(m2, "call.ended").getString("reason"));
    assertLeft(host, members.get(1).id());

    // a dissolved group's call ends for all
    assertEquals(204, api.call(io.vertx.core.http.HttpMethod.DELETE, "/groups/" + groupId, owner.bearer(), null)
        .status());
    assertEquals(callId, nextOfType(host, "call.ended").getLong("callId"));
    assertEquals(callId, nextOfType(m3, "call.ended").getLong("callId"));
  }

  private static void assertLeft(Socket socket, long userId) {
    for (int i = 0; i < 5; i++) {
      JsonObject left = nextOfType(socket, "call.participant_left");
      if (left.getLong("userId") == userId) {
        return;
      }
    }
    throw new AssertionError("no call.participant_left for " + userId);
  }

  @Test
  void malformedCallFramesAreRefusedAndTheSocketStaysUsable() {
    Session alice = api.register("sloppy");
    Session bob = api.register("peer");
    long conversation = api.befriend(alice, bob);
    Socket socket = open(alice);
    socket.send(frame("call.invite").put("media", "video"));
    assertEquals("invalid_request", errorCode(socket));
    socket.send(frame("call.invite").put("conversationId", conversation).put("media", "hologram"));
    assertEquals("invalid_request", errorCode(socket));
    socket.send(frame("call.invite").put("conversationId", 987_654_321L).put("media", "audio"));
    assertEquals("not_found", errorCode(socket));
    socket.send(frame("call.accept").put("callId", "seven"));
    assertEquals("invalid_request", errorCode(socket));
    socket.send(frame("call.accept").put("callId", 987_654_321L));
    assertEquals("not_found", errorCode(socket));
    socket.send(frame("call.signal").put("callId", 1).put("toUserId", bob.id()).put("signal", "offer"));
    assertEquals("invalid_request", errorCode(socket));
    socket.send(frame("call.teleport").put("callId", 1));
    assertEquals("invalid_request", errorCode(socket));
    ping(socket);
  }

  @Test
  void iceServersWithoutATurnSecretAreTheStunUrls() {
    Session alice = api.register("ice");
    Api.Reply servers = api.get("/calls/ice-servers", alice.bearer());
    assertEquals(200, servers.status(), servers.text());
    JsonArray list = servers.array();
    assertEquals(1, list.size());
    assertTrue(list.getJsonObject(0).getJsonArray("urls").getString(0).startsWith("stun:"));
    assertEquals(null, list.getJsonObject(0).getValue("credential"));
    assertEquals(401, api.get("/calls/ice-servers", null).status());
  }

  // ---- helpers

  private Socket open(Session user) {
    Socket socket = Socket.connect(stack.vertx, stack.port, user.bearer());
    sockets.add(socket);
    ping(socket);
    return socket;
  }

  /** The viewer sees the user online: presence reached the account service. */
  private static long invite(Socket socket, long conversationId, String media) {
    socket.send(frame("call.invite").put("conversationId", conversationId).put("media", media));
    return nextOfType(socket, "call.ringing").getLong("callId");
  }

  private static JsonObject join(Socket socket, long callId) {
    socket.send(frame("call.join").put("callId", callId));
    return nextOfType(socket, "call.joined");
  }

  private static Set<Long> participants(JsonObject joined) {
    return joined.getJsonArray("participants").stream().map(o -> ((Number) o).longValue()).collect(Collectors.toSet());
  }

  private static JsonObject frame(String type) {
    return new JsonObject().put("type", type);
  }

  private static JsonObject signal(long callId, long toUserId, JsonObject signal) {
    return frame("call.signal").put("callId", callId).put("toUserId", toUserId).put("signal", signal);
  }

  private static String errorCode(Socket socket) {
    return nextOfType(socket, "error").getJsonObject("error").getString("code");
  }

  /** The call's message: written just after the call ends. */
  private JsonObject callMessage(Session viewer, long conversationId, long callId) {
    for (int i = 0; i < 100; i++) {
      JsonObject last = lastMessage(viewer, conversationId);
      if (last != null && "call".equals(last.getString("kind"))
          && ("ling:call-" + callId).equals(last.getString("clientMsgId"))) {
        return last;
      }
      sleep(50);
    }
    throw new AssertionError("no message for call " + callId);
  }

  private JsonObject lastMessage(Session viewer, long conversationId) {
    for (int i = 0; i < 100; i++) {
      JsonArray page = api.get("/conversations/" + conversationId + "/messages?limit=1", viewer.bearer()).array();
      if (!page.isEmpty() && "call".equals(page.getJsonObject(0).getString("kind"))) {
        return page.getJsonObject(0);
      }
      sleep(50);
    }
    return null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
