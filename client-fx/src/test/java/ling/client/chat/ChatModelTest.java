package ling.client.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import ling.client.api.Gateway;
import ling.client.api.Models.Message;
import org.junit.jupiter.api.Test;

/** The chat's lines without a server: order, duplicates, the user's own sends and their acks. */
class ChatModelTest {

  private final List<ObjectNode> sent = new ArrayList<>();
  private boolean online = true;
  private final ChatModel chat = new ChatModel(7, 1, new Gateway(HttpClient.newHttpClient(),
      URI.create("http://127.0.0.1:9")), frame -> {
        if (online) {
          sent.add(frame);
        }
        return online;
      });

  @Test
  void linesStayInSeqOrderAndEachMessageShowsOnce() {
    chat.received(message(12, 3, 2, "c", "third"));
    chat.received(message(10, 1, 2, "a", "first"));
    chat.received(message(11, 2, 2, "b", "second"));
    chat.received(message(11, 2, 2, "b", "second"));
    chat.received(message(99, 1, 2, "x", "another conversation's"));
    assertEquals(List.of("first", "second", "third"), texts());
  }

  @Test
  void anOwnSendShowsAtOnceThenTakesItsPlaceWhenStored() {
    chat.received(message(10, 1, 2, "a", "hello"));
    chat.sendText("hi 😀", null);
    assertEquals(1, sent.size());
    String clientMsgId = sent.get(0).get("clientMsgId").asText();
    assertEquals("send", sent.get(0).get("type").asText());
    assertTrue(chat.lines().get(1).pending());
    assertTrue(chat.owns(clientMsgId));
    // someone else's message committed first, then the ack and the own message event
    chat.received(message(11, 2, 2, "b", "meanwhile"));
    chat.acked(clientMsgId);
    Message stored = new Message(12, 7, 3, 1, clientMsgId, "text", "hi 😀", null, null, null, null,
        "2026-11-26T10:00:00.000Z", false);
    chat.received(stored);
    assertEquals(List.of("hello", "meanwhile", "hi 😀"), texts());
    assertTrue(chat.lines().stream().noneMatch(ChatLine::pending));
    assertEquals(3, chat.lastSeq());
  }

  @Test
  void aSendWhileOfflineIsKeptAndGoesAgainWithTheSameIdAndARefusedOneIsMarked() {
    online = false;
    chat.sendText("later", null);
    assertTrue(sent.isEmpty());
    online = true;
    chat.catchUp();
    assertEquals(1, sent.size());
    String clientMsgId = sent.get(0).get("clientMsgId").asText();
    chat.refused(clientMsgId);
    assertEquals(ChatLine.Status.FAILED, chat.lines().get(0).status());
  }

  @Test
  void aRecallEmptiesTheLine() {
    chat.received(message(10, 1, 2, "a", "oops"));
    chat.recalled(10);
    assertTrue(chat.lines().get(0).message().recalled());
    assertEquals(null, chat.lines().get(0).message().text());
  }

  @Test
  void aStreamedAnswerGrowsAtTheEndAndGivesWayToTheStoredOneAndALateDeltaIsIgnored() {
    chat.received(message(10, 1, 1, "q", "question"));
    chat.streaming(5, 10, "Hel");
    chat.streaming(5, 10, "Hello, wor");
    assertEquals(List.of("question", "Hello, wor"), texts());
    assertEquals(ChatLine.Status.STREAMING, chat.lines().get(1).status());
    assertEquals(1, chat.lastSeq(), "a streamed line has no seq");
    chat.received(new Message(11, 7, 2, 5, "assistant-10", "text", "Hello, world!", null, 10L, null, null,
        "2026-11-26T10:00:00.000Z", false));
    assertEquals(List.of("question", "Hello, world!"), texts());
    chat.streaming(5, 10, "Hello, world");
    assertEquals(List.of("question", "Hello, world!"), texts(), "nothing streams once the answer is stored");
  }

  @Test
  void aNoticeReplacesWhatStreamedAndStaysAfterItsQuestionAsMessagesFollow() {
    chat.received(message(10, 1, 1, "q", "question"));
    chat.streaming(5, 10, "Half an ans");
    chat.notice(10, "assistant_backend_failed", null);
    assertEquals(List.of("question", "assistant_backend_failed"), texts());
    assertEquals(ChatLine.Status.NOTICE, chat.lines().get(1).status());
    chat.received(message(11, 2, 1, "q2", "next question"));
    chat.received(message(12, 3, 5, "a2", "an answer"));
    assertEquals(List.of("question", "assistant_backend_failed", "next question", "an answer"), texts());
    assertEquals(3, chat.lastSeq());
    chat.received(message(10, 1, 1, "q", "question"));
    assertEquals(4, chat.lines().size(), "the stored question once, its notice kept");
  }

  private List<String> texts() {
    return chat.lines().stream().map(l -> l.message().text()).toList();
  }

  private static Message message(long id, long seq, long sender, String clientMsgId, String text) {
    long conversation = text.startsWith("another") ? 8 : 7;
    return new Message(id, conversation, seq, sender, clientMsgId, "text", text, null, null, null, null,
        "2026-11-26T10:00:00.000Z", false);
  }
}
