package ling.client.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ling.client.api.Gateway;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.Message;
import ling.client.api.Wire;
import ling.client.assistant.AssistantModel;
import ling.client.call.Calls;
import ling.client.call.MediaChoice;
import ling.client.chat.ChatLine;
import ling.client.chat.ChatModel;
import ling.client.chat.ConversationsModel;
import ling.client.contacts.ContactsModel;
import ling.client.groups.GroupMembers;
import org.junit.jupiter.api.Test;

/** The socket's events reach the models they change, without a server. */
class PushRouterTest {

  private final Gateway gateway = new Gateway(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:9"));
  private final ConversationsModel conversations = new ConversationsModel(gateway, 1);
  private final ContactsModel contacts = new ContactsModel(gateway, 1);
  private final Map<Long, ChatModel> chats = new HashMap<>();
  private final List<Message> told = new ArrayList<>();
  private final PushRouter router = new PushRouter(1, conversations, contacts,
      new Calls(frame -> true, gateway, () -> new MediaChoice("", "", "")), new GroupMembers(gateway),
      new AssistantModel(gateway), chats,
      id -> chats.computeIfAbsent(id, i -> new ChatModel(i, 1, gateway, frame -> true)), (c, m) -> told.add(m));

  @Test
  void aMessageReachesItsChatAndTheListAndIsToldOfAReadMarkMovesTheList() {
    conversations.put(new Conversation(7, "direct", null, null, null, 0, 0, 0, false, false, false,
        "2026-11-26T08:00:00.000Z"));
    ChatModel open = chats.computeIfAbsent(7L, i -> new ChatModel(i, 1, gateway, frame -> true));

    Message hi = new Message(70, 7, 1, 2, "c", "text", "hi", null, null, null, null, "2026-11-26T09:00:00.000Z", false);
    router.handle(frame("message").set("message", Wire.tree(Wire.write(hi))));
    assertEquals(List.of("hi"), open.lines().stream().map(l -> l.message().text()).toList());
    assertEquals(1, conversations.find(7).unreadCount());
    assertEquals(1, told.size(), "told, for a notification");

    router.handle(frame("read").put("conversationId", 7).put("userId", 1).put("seq", 1));
    assertEquals(0, conversations.find(7).unreadCount(), "read on another device");

    // the assistant's events mean nothing while there is no assistant
    router.handle(frame("assistant.delta").put("conversationId", 7).put("replyTo", 70).put("text", "Hel"));
    assertTrue(open.lines().stream().noneMatch(l -> l.status() == ChatLine.Status.STREAMING));
    // an error frame for a send of this chat marks it failed
    open.sendText("refused", null);
    String clientMsgId = open.lines().get(1).message().clientMsgId();
    router.handle(frame("error").put("ref", clientMsgId).set("error", Wire.object().put("code", "forbidden")));
    assertEquals(ChatLine.Status.FAILED, open.lines().get(1).status());
    assertFalse(open.owns(clientMsgId));
  }

  private static ObjectNode frame(String type) {
    return Wire.object().put("type", type);
  }
}
