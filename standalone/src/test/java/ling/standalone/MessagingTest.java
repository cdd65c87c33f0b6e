package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import ling.chat.impl.ChatVerticle;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class MessagingTest extends SharedStackTest {

  @Test
  void aMessageIsAcknowledgedThenDeliveredToEverySocketOfEveryMember() {
    Session alice = api.register("ma");
    Session bob = api.register("mb");
    long conversation = api.befriend(alice, bob);
    try (Socket laptop = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket phone = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(laptop);
      ping(phone);
      ping(bobSocket);
      laptop.send(send("c-1", conversation, "你好 Bob 👋"));
      JsonObject ack = nextOfType(laptop, "ack");
      assertEquals("c-1", ack.getString("clientMsgId"));
      assertEquals(1, ack.getLong("seq"));
      JsonObject mine = nextOfType(laptop, "message").getJsonObject("message");
      assertEquals(ack.getLong("messageId"), mine.getLong("id"));
      assertEquals(mine, nextOfType(phone, "message").getJsonObject("message"));
      JsonObject received = nextOfType(bobSocket, "message").getJsonObject("message");
      assertEquals("你好 Bob 👋", received.getString("text"));
      assertEquals(alice.id(), received.getLong("senderId"));
      assertEquals(conversation, received.getLong("conversationId"));
      assertEquals("text", received.getString("kind"));

      // the same clientMsgId again: the first ack, nothing new
      laptop.send(send("c-1", conversation, "你好 Bob 👋"));
      assertEquals(ack, nextOfType(laptop, "ack"));
      FriendsApiTest.pingExpectingNo(bobSocket, "message");
      assertEquals(1, history(alice, conversation, "").size());

      // over HTTP, with a reply
      Reply posted = api.post("/conversations/" + conversation + "/messages", bob.bearer(), new JsonObject()
          .put("clientMsgId", "b-1").put("kind", "text").put("text", "hi!").put("replyToId", ack.getLong("messageId")));
      assertEquals(201, posted.status(), posted.text());
      assertEquals(2, posted.json().getLong("seq"));
      assertEquals(ack.getLong("messageId"), posted.json().getLong("replyToId"));
      assertEquals("hi!", nextOfType(phone, "message").getJsonObject("message").getString("text"));

      bobSocket.send(new JsonObject().put("type", "typing").put("conversationId", conversation));
      assertEquals(bob.id(), nextOfType(laptop, "typing").getLong("userId"));
    }
  }

  @Test
  void clientMsgIdsThatDifferOnlyInCaseAreDifferentSends() {
    Session alice = api.register("ca");
    Session bob = api.register("cb");
    long conversation = api.befriend(alice, bob);
    for (String id : List.of("abc", "ABC", "abc ", "ábc")) {
      Reply reply = api.post("/conversations/" + conversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", id).put("kind", "text").put("text", "id " + id));
      assertEquals(201, reply.status(), reply.text());
      assertEquals(id, reply.json().getString("clientMsgId"));
    }
    assertEquals(4, history(bob, conversation, "").size());
  }

  @Test
  void historyPagesAndCatchUpReturnExactlyWhatWasMissed() {
    Session alice = api.register("ha");
    Session bob = api.register("hb");
    long conversation = api.befriend(alice, bob);
    for (int i = 1; i <= 12; i++) {
      assertEquals(201, api.post("/conversations/" + conversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", "m" + i).put("kind", "text").put("text", "message " + i)).status());
    }
    assertEquals(seqs(7, 12), seqsOf(history(bob, conversation, "?limit=6")));
    assertEquals(seqs(1, 6), seqsOf(history(bob, conversation, "?beforeSeq=7&limit=6")));
    assertEquals(seqs(5, 8), seqsOf(history(bob, conversation, "?afterSeq=4&limit=4")));
    assertEquals(List.of(), seqsOf(history(bob, conversation, "?afterSeq=12")));
    assertEquals(400, api.get("/conversations/" + conversation + "/messages?beforeSeq=3&afterSeq=1", bob.bearer()).status());
    assertEquals(400, api.get("/conversations/" + conversation + "/messages?limit=500", bob.bearer()).status());
    assertEquals(400, api.get("/conversations/" + conversation + "/messages?afterSeq=-1", bob.bearer()).status());

    // Bob's socket drops mid-stream; he catches up from the last seq he saw
    long lastSeen;
    try (Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(bobSocket);
      api.post("/conversations/" + conversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", "m13").put("kind", "text").put("text", "message 13"));
      lastSeen = nextOfType(bobSocket, "message").getJsonObject("message").getLong("seq");
    }
    for (int i = 14; i <= 16; i++) {
      api.post("/conversations/" + conversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", "m" + i).put("kind", "text").put("text", "message " + i));
    }
    assertEquals(13, lastSeen);
    assertEquals(seqs(14, 16), seqsOf(history(bob, conversation, "?afterSeq=" + lastSeen)));

    JsonArray found = api.get("/conversations/" + conversation + "/messages/search?q=message%201", bob.bearer()).array();
    assertEquals(List.of(16L, 15L, 14L, 13L, 12L, 11L, 10L, 1L), seqsOf(found));
    assertEquals(List.of(), seqsOf(api.get("/conversations/" + conversation + "/messages/search?q=%25", bob.bearer())
        .array()));
  }

  @Test
  void theConversationListShowsPeersUnreadCountsAndReadMarks() {
    Session alice = api.register("la");
    Session bob = api.register("lb");
    long conversation = api.befriend(alice, bob);
    for (int i = 1; i <= 3; i++) {
      api.post("/conversations/" + conversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", "x" + i).put("kind", "text").put("text", "n" + i));
    }
    JsonObject bobs = onlyConversation(bob);
    assertEquals(conversation, bobs.getLong("id"));
    assertEquals("direct", bobs.getString("type"));
    assertEquals(alice.id(), bobs.getJsonObject("peer").getLong("id"));
    assertEquals("n3", bobs.getJsonObject("lastMessage").getString("text"));
    assertEquals(3, bobs.getLong("lastSeq"));
    assertEquals(3, bobs.getLong("unreadCount"));
    assertEquals(0, onlyConversation(alice).getLong("unreadCount"));

    try (Socket aliceSocket = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket bobSocket = Socket.connect(stack.vertx, stack.port, bob.bearer())) {
      ping(aliceSocket);
      bobSocket.send(new JsonObject().put("type", "read").put("conversationId", conversation).put("seq", 2));
      JsonObject read = nextOfType(aliceSocket, "read");
      assertEquals(bob.id(), read.getLong("userId"));
      assertEquals(2, read.getLong("seq"));
      bobSocket.send(new JsonObject().put("type", "read").put("conversationId", conversation).put("seq", 99)
          .put("ref", "r-1"));
      JsonObject error = nextOfType(bobSocket, "error");
      assertEquals("invalid_request", error.getJsonObject("error").getString("code"));
      assertEquals("r-1", error.getString("ref"));
    }
    assertEquals(1, onlyConversation(bob).getLong("unreadCount"));
    assertEquals(204, api.post("/conversations/" + conversation + "/read", bob.bearer(), new JsonObject().put("seq", 3))
        .status());
    assertEquals(0, onlyConversation(bob).getLong("unreadCount"));
    // a read mark never moves back
    api.post("/conversations/" + conversation + "/read", bob.bearer(), new JsonObject().put("seq", 1));
    assertEquals(3, onlyConversation(bob).getLong("readSeq"));

    Reply muted = api.patch("/conversations/" + conversation, bob.bearer(), new JsonObject().put("muted", true)
        .put("pinned", true));
    assertEquals(200, muted.status(), muted.text());
    assertTrue(onlyConversation(bob).getBoolean("muted"));
    assertTrue(onlyConversation(bob).getBoolean("pinned"));
    assertEquals(false, onlyConversation(alice).getBoolean("muted"));
    assertEquals(400, api.patch("/conversations/" + conversation, bob.bearer(), new JsonObject().put("muted", "yes"))
        .status());
    assertEquals(400, api.patch("/conversations/" + conversation, bob.bearer(), new JsonObject().put("color", "red"))
        .status());
  }

  @Test
  void recallIsForTheSenderAndGroupModerators() {
    Session owner = api.register("ro");
    Session member = api.register("rm");
    long direct = api.befriend(owner, member);
    long groupConversation = api.post("/groups", owner.bearer(), new JsonObject().put("name", "recall")
        .put("memberIds", new JsonArray().add(member.id()))).json().getLong("conversationId");
    try (Socket ownerSocket = Socket.connect(stack.vertx, stack.port, owner.bearer());
         Socket memberSocket = Socket.connect(stack.vertx, stack.port, member.bearer())) {
      ping(ownerSocket);
      ping(memberSocket);
      memberSocket.send(send("g-1", groupConversation, "oops"));
      long messageId = nextOfType(memberSocket, "ack").getLong("messageId");
      // the owner of the group may recall anyone's message there
      ownerSocket.send(new JsonObject().put("type", "recall").put("messageId", messageId));
      assertEquals(messageId, nextOfType(ownerSocket, "recalled").getLong("messageId"));
      assertEquals(messageId, nextOfType(memberSocket, "message.recalled").getLong("messageId"));
      JsonObject recalled = history(member, groupConversation, "").stream().map(m -> (JsonObject) m)
          .filter(m -> m.getLong("id") == messageId).findFirst().orElseThrow();
      assertTrue(recalled.getBoolean("recalled"));
      assertNull(recalled.getString("text"));

      // in a direct chat the other side may not
      ownerSocket.send(send("d-1", direct, "mine"));
      long ownersMessage = nextOfType(ownerSocket, "ack").getLong("messageId");
      memberSocket.send(new JsonObject().put("type", "recall").put("messageId", ownersMessage));
      JsonObject refused = nextOfType(memberSocket, "error");
      assertEquals("forbidden", refused.getJsonObject("error").getString("code"));
      assertEquals(Long.toString(ownersMessage), refused.getString("ref"));
      assertEquals(204, api.call(HttpMethod.DELETE, "/conversations/" + direct + "/messages/" + ownersMessage,
          owner.bearer(), null).status());
      assertEquals(404, api.call(HttpMethod.DELETE, "/conversations/" + direct + "/messages/999999999",
          owner.bearer(), null).status());
      // through another conversation's path a message is not found, and stays as it is
      memberSocket.send(send("g-2", groupConversation, "keep me"));
      long kept = nextOfType(memberSocket, "ack").getLong("messageId");
      assertEquals(404, api.call(HttpMethod.DELETE, "/conversations/" + direct + "/messages/" + kept,
          owner.bearer(), null).status());
      assertTrue(history(member, groupConversation, "").stream().map(m -> (JsonObject) m)
          .filter(m -> m.getLong("id") == kept).noneMatch(m -> m.getBoolean("recalled")));
    }
  }

  @Test
  void outsidersAndBadFramesGetErrorsAndNothingIsStored() {
    Session alice = api.register("oa");
    Session bob = api.register("ob");
    Session mallory = api.register("om");
    long conversation = api.befriend(alice, bob);
    long other = api.befriend(alice, mallory);
    try (Socket mallorySocket = Socket.connect(stack.vertx, stack.port, mallory.bearer());
         Socket aliceSocket = Socket.connect(stack.vertx, stack.port, alice.bearer())) {
      ping(aliceSocket);
      mallorySocket.send(send("evil-1", conversation, "let me in"));
      assertError(nextOfType(mallorySocket, "error"), "not_found", "evil-1");
      assertEquals(404, api.get("/conversations/" + conversation + "/messages", mallory.bearer()).status());
      assertEquals(404, api.post("/conversations/" + conversation + "/read", mallory.bearer(),
          new JsonObject().put("seq", 0)).status());
      assertEquals(404, api.get("/conversations/" + conversation + "/messages/search?q=a", mallory.bearer()).status());

      assertBad(aliceSocket, send("b-1", conversation, "x").put("kind", "sticker"));
      assertBad(aliceSocket, send("b-2", conversation, "x").put("kind", "system"));
      assertBad(aliceSocket, send("b-3", conversation, "x".repeat(5001)));
      assertBad(aliceSocket, send("b-4", conversation, "   "));
      assertBad(aliceSocket, send("b-5", conversation, "x").put("fileId", 5));
      assertBad(aliceSocket, send("b-6", conversation, null).put("kind", "image"));
      assertBad(aliceSocket, send("b-7", conversation, "x").put("conversationId", "one"));
      assertBad(aliceSocket, new JsonObject().put("type", "send").put("conversationId", conversation)
          .put("kind", "text").put("text", "no id"));
      aliceSocket.send(send("b-8", conversation, "hello").put("replyToId", firstMessage(alice, other)));
      assertError(nextOfType(aliceSocket, "error"), "invalid_request", "b-8");
      // 5000 emoji are 5000 characters: accepted
      aliceSocket.send(send("ok-1", conversation, "😀".repeat(5000)));
      assertEquals(1, nextOfType(aliceSocket, "ack").getLong("seq"));
    }
    assertEquals(1, history(bob, conversation, "").size());
    assertEquals(400, api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        new JsonObject().put("kind", "text").put("text", "no id")).status());
  }

  @Test
  void pipelinedSendsAreAnsweredOneByOneWhateverTheMixInABatch() {
    Session alice = api.register("pa");
    Session bob = api.register("pb");
    Session mallory = api.register("pm");
    long conversation = api.befriend(alice, bob);
    try (Socket socket = Socket.connect(stack.vertx, stack.port, alice.bearer());
         Socket intruder = Socket.connect(stack.vertx, stack.port, mallory.bearer())) {
      socket.send(send("p-0", conversation, "first"));
      long firstId = nextOfType(socket, "ack").getLong("messageId");
      // written back to back: the later ones wait together while the first is in flight
      for (JsonObject frame : List.of(send("p-1", conversation, "one"), send("p-bad", conversation, "x").put("kind", "gif"),
          send("p-2", conversation, "two"), send("p-0", conversation, "first again"), send("p-3", conversation, "three"))) {
        socket.ws.writeTextMessage(frame.encode());
      }
      Map<String, JsonObject> answers = new HashMap<>();
      while (answers.size() < 5) {
        JsonObject frame = socket.next();
        if ("ack".equals(frame.getString("type"))) {
          answers.put(frame.getString("clientMsgId"), frame);
        } else if ("error".equals(frame.getString("type"))) {
          answers.put(frame.getString("ref"), frame);
        }
      }
      assertEquals("invalid_request", answers.get("p-bad").getJsonObject("error").getString("code"));
      assertEquals(firstId, answers.get("p-0").getLong("messageId"), "a resend inside a batch gets the first ack");
      assertTrue(answers.get("p-1").getLong("seq") < answers.get("p-2").getLong("seq"));
      assertTrue(answers.get("p-2").getLong("seq") < answers.get("p-3").getLong("seq"));

      for (int i = 0; i < 3; i++) {
        intruder.ws.writeTextMessage(send("m-" + i, conversation, "let me in").encode());
      }
      for (int i = 0; i < 3; i++) {
        assertEquals("not_found", nextOfType(intruder, "error").getJsonObject("error").getString("code"));
      }
    }
    assertEquals(List.of("first", "one", "two", "three"), history(bob, conversation, "").stream()
        .map(m -> ((JsonObject) m).getString("text")).toList());
  }

  @Test
  void aFloodOfSendsIsRefusedPastTheRateAndWhatWasRefusedIsNotStored() {
    Session alice = api.register("fa");
    Session bob = api.register("fb");
    long conversation = api.befriend(alice, bob);
    assertBurstRefusedInPartAndRefusalsNotStored(stack, api, alice, bob, conversation, "flood-", 70);
  }

  @Test
  void sendsPastThePendingLimitAreRefusedAndNotStored() {
    try (TestStack small = TestStack.start(c -> c.getJsonObject("ws").put("maxPendingSends", 3));
         Api local = new Api(small.vertx, small.port)) {
      Session alice = local.register("qa");
      Session bob = local.register("qb");
      long conversation = local.befriend(alice, bob);
      assertBurstRefusedInPartAndRefusalsNotStored(small, local, alice, bob, conversation, "q-", 20);
    }
  }

  /**
   * Writes {@code count} sends at once; each is answered with an ack or a rate_limited error,
   * some are refused, and exactly the acknowledged ones are stored.
   */
  private static void assertBurstRefusedInPartAndRefusalsNotStored(TestStack on, Api client, Session sender,
                                                                   Session reader, long conversation,
                                                                   String prefix, int count) {
    int acked = 0;
    List<String> refused = new ArrayList<>();
    try (Socket socket = Socket.connect(on.vertx, on.port, sender.bearer())) {
      for (int i = 0; i < count; i++) {
        socket.ws.writeTextMessage(send(prefix + i, conversation, "n" + i).encode());
      }
      while (acked + refused.size() < count) {
        JsonObject frame = socket.next();
        if ("ack".equals(frame.getString("type"))) {
          acked++;
        } else if ("error".equals(frame.getString("type"))) {
          assertEquals("rate_limited", frame.getJsonObject("error").getString("code"));
          refused.add(frame.getString("ref"));
        }
      }
    }
    assertTrue(!refused.isEmpty() && refused.stream().allMatch(ref -> ref.startsWith(prefix)), refused.toString());
    Reply page = client.get("/conversations/" + conversation + "/messages?limit=200", reader.bearer());
    JsonArray stored = page.array();
    assertEquals(acked, stored.size());
    assertTrue(stored.stream().noneMatch(m -> refused.contains(((JsonObject) m).getString("clientMsgId"))));
  }

  @Test
  void aRemovedFriendOrGroupMemberCanNoLongerSend() {
    Session alice = api.register("xa");
    Session bob = api.register("xb");
    long conversation = api.befriend(alice, bob);
    api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        new JsonObject().put("clientMsgId", "before").put("kind", "text").put("text", "still here"));
    assertEquals(204, api.call(HttpMethod.DELETE, "/friends/" + bob.id(), alice.bearer(), null).status());
    Reply refused = api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        new JsonObject().put("clientMsgId", "after").put("kind", "text").put("text", "hello?"));
    assertEquals(403, refused.status());
    assertEquals("conversation_closed", refused.errorCode());
    assertEquals(1, history(bob, conversation, "").size(), "the history is kept");
    assertTrue(onlyConversation(bob).getBoolean("closed"));

    Session carol = api.register("xc");
    api.befriend(alice, carol);
    JsonObject group = api.post("/groups", alice.bearer(), new JsonObject().put("name", "g")
        .put("memberIds", new JsonArray().add(carol.id()))).json();
    long groupConversation = group.getLong("conversationId");
    try (Socket carolSocket = Socket.connect(stack.vertx, stack.port, carol.bearer())) {
      ping(carolSocket);
      assertEquals(204, api.call(HttpMethod.DELETE, "/groups/" + group.getLong("id") + "/members/" + carol.id(),
          alice.bearer(), null).status());
      api.post("/conversations/" + groupConversation + "/messages", alice.bearer(),
          new JsonObject().put("clientMsgId", "after-removal").put("kind", "text").put("text", "secret"));
      nextOfType(carolSocket, "group.member_left");
      FriendsApiTest.pingExpectingNo(carolSocket, "message");
    }
    assertEquals(404, api.post("/conversations/" + groupConversation + "/messages", carol.bearer(),
        new JsonObject().put("clientMsgId", "c").put("kind", "text").put("text", "hi")).status());
  }

  @Test
  void aRemovedMemberStopsReceivingWhicheverChatInstanceFansOut() {
    String second = stack.vertx.deployVerticle(new ChatVerticle(), new DeploymentOptions().setConfig(stack.config))
        .await();
    try {
      Session owner = api.register("io");
      Session stays = api.register("is");
      Session leaves = api.register("il");
      api.befriend(owner, stays);
      api.befriend(owner, leaves);
      JsonObject group = api.post("/groups", owner.bearer(), new JsonObject().put("name", "two instances")
          .put("memberIds", new JsonArray().add(stays.id()).add(leaves.id()))).json();
      long conversation = group.getLong("conversationId");
      try (Socket leaving = Socket.connect(stack.vertx, stack.port, leaves.bearer())) {
        ping(leaving);
        // both instances take sends in turn, and both learn the member list
        for (int i = 0; i < 6; i++) {
          api.post("/conversations/" + conversation + "/messages", owner.bearer(), new JsonObject()
              .put("clientMsgId", "before-" + i).put("kind", "text").put("text", "hello " + i));
          assertEquals("hello " + i, nextText(leaving).getString("text"));
        }
        assertEquals(204, api.call(HttpMethod.DELETE, "/groups/" + group.getLong("id") + "/members/" + leaves.id(),
            owner.bearer(), null).status());
        nextOfType(leaving, "group.member_left");
        for (int i = 0; i < 6; i++) {
          assertEquals(201, api.post("/conversations/" + conversation + "/messages", owner.bearer(), new JsonObject()
              .put("clientMsgId", "after-" + i).put("kind", "text").put("text", "secret " + i)).status());
        }
        FriendsApiTest.pingExpectingNo(leaving, "message");
      }
    } finally {
      stack.vertx.undeploy(second).await();
    }
  }

  @Test
  void concurrentSendersThroughTwoChatInstancesGetGaplessOrderedSeqs() {
    String second = stack.vertx.deployVerticle(new ChatVerticle(), new DeploymentOptions().setConfig(stack.config))
        .await();
    try {
      List<Session> senders = new ArrayList<>();
      long conversation = groupOfFour("c", senders);
      Session owner = senders.get(0);
      List<Future<Api.Reply>> sends = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        for (Session s : senders) {
          sends.add(api.callAsync(HttpMethod.POST, "/conversations/" + conversation + "/messages", s.bearer(),
              new JsonObject().put("clientMsgId", s.id() + "-" + i).put("kind", "text").put("text", "n" + i)));
        }
      }
      List<Api.Reply> replies = Future.all(sends).await().list();
      assertTrue(replies.stream().allMatch(r -> r.status() == 201), "every send stored");
      List<Long> seqs = new ArrayList<>();
      JsonArray all = new JsonArray();
      for (long after = 0; ; ) {
        JsonArray page = history(owner, conversation, "?afterSeq=" + after + "&limit=200");
        if (page.isEmpty()) {
          break;
        }
        page.forEach(all::add);
        after = page.getJsonObject(page.size() - 1).getLong("seq");
      }
      all.forEach(m -> seqs.add(((JsonObject) m).getLong("seq")));
      // the group's creation is recorded as a system message among them
      long system = all.stream().filter(m -> ((JsonObject) m).getString("kind").equals("system")).count();
      assertEquals(seqs(1, 100 + system), seqs, "gapless, no duplicates");
      assertEquals(100, all.size() - system);
      // every ack's seq is the stored one
      for (Api.Reply reply : replies) {
        long seq = reply.json().getLong("seq");
        assertEquals(reply.json().getLong("id"), all.getJsonObject((int) seq - 1).getLong("id"));
      }
    } finally {
      stack.vertx.undeploy(second).await();
    }
  }

  @Test
  void concurrentSendsStoredTogetherKeepEveryFieldAndEachSendersReadMark() {
    List<Session> senders = new ArrayList<>();
    long group = groupOfFour("b", senders);
    Session owner = senders.get(0);
    Session outsider = api.register("bx");
    long direct = api.befriend(owner, api.register("bd"));
    long replyTo = api.post("/conversations/" + group + "/messages", owner.bearer(), new JsonObject()
        .put("clientMsgId", "batch-first").put("kind", "text").put("text", "first")).json().getLong("id");
    // short, padded with spaces, the longest allowed, astral emoji and CJK, in one burst from every sender and
    // an outsider, so that they share commits, some of which the outsider's send makes refuse
    List<String> texts = List.of("a", " · ", "长".repeat(5000), "🐉".repeat(2500), "x".repeat(4999) + "é", "line\nbreak");
    Map<String, JsonObject> sent = new HashMap<>();
    List<Future<Api.Reply>> sends = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (Session s : senders) {
        String text = texts.get((i + (int) s.id()) % texts.size());
        JsonObject body = new JsonObject().put("clientMsgId", "batch-" + s.id() + "-" + i).put("kind", "text")
            .put("text", text);
        if (i == 2) {
          body.put("replyToId", replyTo);
        }
        sent.put(body.getString("clientMsgId"), body);
        sends.add(api.callAsync(HttpMethod.POST, "/conversations/" + group + "/messages", s.bearer(), body));
      }
      sends.add(api.callAsync(HttpMethod.POST, "/conversations/" + group + "/messages", outsider.bearer(),
          new JsonObject().put("clientMsgId", "intruder-" + i).put("kind", "text").put("text", "let me in")));
      sends.add(api.callAsync(HttpMethod.POST, "/conversations/" + direct + "/messages", owner.bearer(),
          new JsonObject().put("clientMsgId", "aside-" + i).put("kind", "text").put("text", "aside " + i)));
    }
    List<Api.Reply> replies = Future.all(sends).await().list();
    assertEquals(4, replies.stream().filter(r -> r.status() == 404).count(), "the outsider's sends");
    assertEquals(sends.size() - 4, replies.stream().filter(r -> r.status() == 201).count(), () -> "the members' sends: "
        + replies.stream().filter(r -> r.status() != 201 && r.status() != 404).map(Api.Reply::text).toList());

    JsonArray stored = history(owner, group, "?afterSeq=" + 0 + "&limit=200");
    Map<String, JsonObject> byClientId = new HashMap<>();
    stored.forEach(m -> byClientId.put(((JsonObject) m).getString("clientMsgId"), (JsonObject) m));
    for (JsonObject body : sent.values()) {
      JsonObject message = byClientId.get(body.getString("clientMsgId"));
      assertEquals(body.getString("text"), message.getString("text"), body.getString("clientMsgId"));
      assertEquals(body.getLong("replyToId"), message.getLong("replyToId"));
      assertEquals("text", message.getString("kind"));
    }
    assertTrue(byClientId.keySet().stream().noneMatch(id -> id.startsWith("intruder-")));
    assertEquals(seqs(1, stored.size()), seqsOf(stored), "gapless");
    // sent concurrently, so stored in any order, each once
    assertEquals(List.of("aside 0", "aside 1", "aside 2", "aside 3"), history(owner, direct, "").stream()
        .map(m -> ((JsonObject) m).getString("text")).sorted().toList());
    // each sender has read up to its own last message: what is unread is what came after it
    for (Session s : senders) {
      long lastOwn = stored.stream().map(m -> (JsonObject) m).filter(m -> s.id() == m.getLong("senderId"))
          .mapToLong(m -> m.getLong("seq")).max().orElseThrow();
      JsonObject summary = api.get("/conversations", s.bearer()).array().stream().map(o -> (JsonObject) o)
          .filter(c -> c.getLong("id") == group).findFirst().orElseThrow();
      assertEquals(stored.size() - lastOwn, summary.getLong("unreadCount"), "unread of " + s.id());
    }
  }

  @Test
  void acksCarryTheStoredIdsWhateverTheDatabasesAutoIncrementStep() {
    // connections that step ids by 3 (as a Galera node may): every chat instance opens some now
    ling.common.TestDatabase.asAdministrator("SET GLOBAL auto_increment_increment = 3;");
    String second = stack.vertx.deployVerticle(new ChatVerticle(), new DeploymentOptions().setConfig(stack.config))
        .await();
    try {
      Session owner = api.register("io");
      Session friend = api.register("if");
      long conversation = api.befriend(owner, friend);
      Map<String, Long> ackedIds = new HashMap<>();
      Map<String, Long> ackedSeqs = new HashMap<>();
      try (Socket socket = Socket.connect(stack.vertx, stack.port, owner.bearer())) {
        // one socket's queued sends are stored together, several rows to an insert
        for (int i = 0; i < 30; i++) {
          socket.ws.writeTextMessage(send("step-" + i, conversation, "step " + i).encode());
        }
        List<Future<Api.Reply>> sends = new ArrayList<>();
        for (int i = 30; i < 50; i++) {
          sends.add(api.callAsync(HttpMethod.POST, "/conversations/" + conversation + "/messages", friend.bearer(),
              new JsonObject().put("clientMsgId", "step-" + i).put("kind", "text").put("text", "step " + i)));
        }
        while (ackedIds.size() < 30) {
          JsonObject ack = nextOfType(socket, "ack");
          ackedIds.put(ack.getString("clientMsgId"), ack.getLong("messageId"));
          ackedSeqs.put(ack.getString("clientMsgId"), ack.getLong("seq"));
        }
        for (Api.Reply reply : Future.all(sends).await().<Api.Reply>list()) {
          assertEquals(201, reply.status(), reply.text());
          ackedIds.put(reply.json().getString("clientMsgId"), reply.json().getLong("id"));
          ackedSeqs.put(reply.json().getString("clientMsgId"), reply.json().getLong("seq"));
        }
      }
      JsonArray stored = history(owner, conversation, "?limit=100");
      assertEquals(50, stored.size());
      Set<Long> steps = new HashSet<>();
      for (Object m : stored) {
        JsonObject message = (JsonObject) m;
        String id = message.getString("clientMsgId");
        assertEquals(ackedIds.get(id), message.getLong("id"), "the ack's id is the stored one: " + id);
        assertEquals(ackedSeqs.get(id), message.getLong("seq"), id);
      }
      for (int i = 1; i < stored.size(); i++) {
        steps.add(stored.getJsonObject(i).getLong("id") - stored.getJsonObject(i - 1).getLong("id"));
      }
      assertTrue(steps.contains(3L), "ids stepped by 3: " + steps);
    } finally {
      ling.common.TestDatabase.asAdministrator("SET GLOBAL auto_increment_increment = 1;");
      stack.vertx.undeploy(second).await();
    }
  }

  /** A group of an owner and three friends of theirs, all added to {@code members}, owner first. */
  private long groupOfFour(String prefix, List<Session> members) {
    Session owner = api.register(prefix + "o");
    members.add(owner);
    JsonArray memberIds = new JsonArray();
    for (int i = 0; i < 3; i++) {
      Session s = api.register(prefix + "s");
      api.befriend(owner, s);
      members.add(s);
      memberIds.add(s.id());
    }
    return api.post("/groups", owner.bearer(), new JsonObject().put("name", prefix + " group")
        .put("memberIds", memberIds)).json().getLong("conversationId");
  }

  /** The next message event of a user's message, past any system message (they come when they come). */
  private static JsonObject nextText(Socket socket) {
    for (int i = 0; i < 20; i++) {
      JsonObject message = nextOfType(socket, "message").getJsonObject("message");
      if (!"system".equals(message.getString("kind"))) {
        return message;
      }
    }
    throw new AssertionError("no user message");
  }

  private long firstMessage(Session s, long conversation) {
    api.post("/conversations/" + conversation + "/messages", s.bearer(),
        new JsonObject().put("clientMsgId", "first-" + conversation).put("kind", "text").put("text", "first"));
    return history(s, conversation, "").getJsonObject(0).getLong("id");
  }

  private JsonObject onlyConversation(Session s) {
    Reply reply = api.get("/conversations", s.bearer());
    assertEquals(200, reply.status(), reply.text());
    return reply.array().stream().map(o -> (JsonObject) o).filter(c -> c.getString("type").equals("direct"))
        .findFirst().orElseThrow();
  }

  private JsonArray history(Session s, long conversation, String query) {
    Reply reply = api.get("/conversations/" + conversation + "/messages" + query, s.bearer());
    assertEquals(200, reply.status(), reply.text());
    return reply.array();
  }

  private static List<Long> seqsOf(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getLong("seq")).toList();
  }

  private static List<Long> seqs(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }

  private static JsonObject send(String clientMsgId, long conversation, String text) {
    JsonObject frame = new JsonObject().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversation).put("kind", "text");
    return text == null ? frame : frame.put("text", text);
  }

  private static void assertBad(Socket socket, JsonObject frame) {
    socket.send(frame);
    JsonObject error = nextOfType(socket, "error");
    assertEquals("invalid_request", error.getJsonObject("error").getString("code"), error.encode());
  }

  private static void assertError(JsonObject frame, String code, String ref) {
    assertEquals(code, frame.getJsonObject("error").getString("code"), frame.encode());
    assertEquals(ref, frame.getString("ref"));
  }

}
