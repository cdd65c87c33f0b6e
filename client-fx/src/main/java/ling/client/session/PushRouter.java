package ling.client.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.Message;
import ling.client.api.Wire;
import ling.client.assistant.AssistantModel;
import ling.client.call.Calls;
import ling.client.chat.ChatModel;
import ling.client.chat.ConversationsModel;
import ling.client.contacts.ContactsModel;
import ling.client.groups.GroupMembers;

/**
 * The one place the socket's events go, on the FX thread: each to the models it changes (the
 * conversation list, an open chat, the contacts, a call, the assistant).
 */
final class PushRouter {

  private final long myId;
  private final ConversationsModel conversations;
  private final ContactsModel contacts;
  private final Calls calls;
  private final GroupMembers groupMembers;
  private final AssistantModel assistant;
  /** The chats open so far, by conversation; {@code chat} opens one. */
  private final Map<Long, ChatModel> chats;
  private final LongFunction<ChatModel> chat;
  private final BiConsumer<Conversation, Message> onMessage;

  PushRouter(long myId, ConversationsModel conversations, ContactsModel contacts, Calls calls,
             GroupMembers groupMembers, AssistantModel assistant, Map<Long, ChatModel> chats,
             LongFunction<ChatModel> chat, BiConsumer<Conversation, Message> onMessage) {
    this.myId = myId;
    this.conversations = conversations;
    this.contacts = contacts;
    this.calls = calls;
    this.groupMembers = groupMembers;
    this.assistant = assistant;
    this.chats = chats;
    this.chat = chat;
    this.onMessage = onMessage;
  }

  void handle(JsonNode frame) {
    String type = frame.path("type").asText("");
    switch (type) {
      case "message" -> {
        Message message = Wire.read(frame.get("message"), Message.class);
        ChatModel chat = chats.get(message.conversationId());
        if (chat != null) {
          chat.received(message);
        }
        if (assistant.isAssistant(message.senderId())) {
          // an answer is complete: what is left of the quota
          assistant.load();
        }
        if (conversations.received(message)) {
          onMessage.accept(conversations.find(message.conversationId()), message);
        } else {
          // a conversation new to this client: listed first, then told of
          conversations.reload(() -> onMessage.accept(conversations.find(message.conversationId()), message));
        }
      }
      case "ack" -> {
        String clientMsgId = frame.path("clientMsgId").asText();
        chats.values().stream().filter(c -> c.owns(clientMsgId)).forEach(c -> c.acked(clientMsgId));
      }
      case "error" -> {
        if (calls.refused(frame)) {
          return;
        }
        String ref = frame.path("ref").asText("");
        boolean later = "unavailable".equals(frame.path("error").path("code").asText());
        // a service that is away: the same send again in a moment (it is stored once); anything else failed
        chats.values().stream().filter(c -> c.owns(ref)).forEach(c -> {
          if (later) {
            c.retryLater(ref);
          } else {
            c.refused(ref);
          }
        });
      }
      case "message.recalled" -> {
        ChatModel chat = chats.get(frame.path("conversationId").asLong());
        if (chat != null) {
          chat.recalled(frame.path("messageId").asLong());
        }
        conversations.reload();
      }
      case "read" -> {
        long conversationId = frame.path("conversationId").asLong();
        if (frame.path("userId").asLong() == myId) {
          conversations.read(conversationId, frame.path("seq").asLong());
        } else if (chats.containsKey(conversationId)) {
          chats.get(conversationId).peerRead(frame.path("seq").asLong());
        }
      }
      case "typing" -> {
        ChatModel chat = chats.get(frame.path("conversationId").asLong());
        if (chat != null && frame.path("userId").asLong() != myId) {
          chat.typing(frame.path("userId").asLong());
        }
      }
      case "assistant.delta" -> {
        long assistantId = assistant.userId();
        if (assistantId != 0) {
          chat.apply(frame.path("conversationId").asLong()).streaming(assistantId, frame.path("replyTo").asLong(),
              frame.path("text").asText(""));
          assistant.answerStarted();
        }
      }
      case "assistant.error" -> {
        chat.apply(frame.path("conversationId").asLong()).notice(frame.path("replyTo").asLong(),
            frame.path("code").asText(""), frame);
        assistant.load();
      }
      case "session.revoked" -> {
        // the close that follows signs the user out
      }
      default -> {
        if (calls.handle(type, frame)) {
          return;
        }
        contacts.handle(type, frame);
        if ("friend.added".equals(type) && assistant.isAssistant(frame.path("friend").path("user").path("id").asLong())) {
          // the assistant's conversation opened late: now it has an id
          assistant.load();
        }
        if ("friend.added".equals(type) || "friend.removed".equals(type)) {
          // a new friend's conversation shows in the list at once
          conversations.reload();
        }
        if (type.startsWith("group.")) {
          long groupId = frame.has("group") ? frame.path("group").path("id").asLong() : frame.path("groupId").asLong();
          groupMembers.changed(groupId);
          conversations.reload();
        }
      }
    }
  }
}
