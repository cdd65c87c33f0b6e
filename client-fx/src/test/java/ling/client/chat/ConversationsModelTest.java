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
