package ling.client.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import ling.client.api.Gateway;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.Message;
import org.junit.jupiter.api.Test;

/** The conversation list without a server: order, unread counts, and what is read. */
class ConversationsModelTest {

  private final ConversationsModel model = new ConversationsModel(new Gateway(HttpClient.newHttpClient(),
      URI.create("http://127.0.0.1:9")), 1);

  @Test
  void pinnedFirstThenTheMostRecentAndUnreadCountsFollowMessages() {
    model.replaceAll(List.of(conversation(10, false, "2026-11-26T08:00:00.000Z"),
        conversation(11, true, "2026-11-20T08:00:00.000Z"), conversation(12, false, "2026-11-26T09:00:00.000Z")));
    assertEquals(List.of(11L, 12L, 10L), ids());

    assertEquals(true, model.received(message(10, 2, 5, "2026-11-26T10:00:00.000Z")));
    assertEquals(List.of(11L, 10L, 12L), ids());
    assertEquals(1, model.find(10).unreadCount());
    // the user's own message is not unread; one of a conversation on screen neither
    model.received(message(10, 1, 6, "2026-11-26T10:01:00.000Z"));
    assertEquals(1, model.find(10).unreadCount());
    model.openProperty().set(12);
    model.received(message(12, 3, 2, "2026-11-26T10:02:00.000Z"));
    assertEquals(0, model.find(12).unreadCount());
    assertEquals(List.of(11L, 12L, 10L), ids());

    model.read(10, 6);
    assertEquals(0, model.find(10).unreadCount());
    assertEquals(false, model.received(message(99, 2, 1, "2026-11-26T10:03:00.000Z")), "an unknown conversation");
  }

  @Test
  void aMessageThatMentionsTheUserIsCountedUntilTheyHaveReadItAll() {
    model.replaceAll(List.of(conversation(20, false, "2026-11-26T08:00:00.000Z")));
    Message other = message(20, 2, 1, "2026-11-26T10:00:00.000Z");
    model.received(new Message(101, 20, 1, 2, "m1", "text", "@me hi", null, null, null, null,
        "2026-11-26T10:00:00.000Z", false, List.of(3L, 1L), null));
    model.received(new Message(102, 20, 2, 3, "m2", "text", "@all", null, null, null, null,
        "2026-11-26T10:01:00.000Z", false, null, true));
    model.received(new Message(103, 20, 3, 3, "m3", "text", "@bob", null, null, null, null,
        "2026-11-26T10:02:00.000Z", false, List.of(2L), null));
    assertEquals(3, model.find(20).unreadCount());
    assertEquals(2, model.find(20).unreadMentions());
    // read part of the way: which of the rest mention the user is not known, so the count stays
    model.read(20, 2);
    assertEquals(2, model.find(20).unreadMentions());
    model.read(20, 3);
    assertEquals(0, model.find(20).unreadMentions());
    model.received(new Message(104, 20, 4, 2, "m4", "text", "@me again", null, null, null, null,
        "2026-11-26T10:03:00.000Z", false, List.of(1L), null));
    assertEquals(1, model.find(20).unreadMentions());
    // the user answering reads everything before
    model.received(new Message(105, 20, 5, 1, "m5", "text", "yes?", null, null, null, null,
        "2026-11-26T10:04:00.000Z", false));
    assertEquals(0, model.find(20).unreadMentions());
    assertEquals(false, other.mentions(1));
  }

  private List<Long> ids() {
    return model.items().stream().map(Conversation::id).toList();
  }

  private static Conversation conversation(long id, boolean pinned, String updatedAt) {
    return new Conversation(id, "direct", null, null, null, 0, 0, 0, false, pinned, false, updatedAt);
  }

  private static Message message(long conversationId, long sender, long seq, String at) {
    return new Message(seq * 100, conversationId, seq, sender, "c" + seq, "text", "hi", null, null, null, null, at,
        false);
  }
}
