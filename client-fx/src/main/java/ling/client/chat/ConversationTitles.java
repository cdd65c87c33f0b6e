package ling.client.chat;

import ling.client.api.Models.Conversation;
import ling.client.api.Models.Friend;
import ling.client.api.Models.Message;
import ling.client.contacts.ContactsModel;
import ling.client.i18n.Texts;

/** What a conversation is called and how its last message reads in the list. */
public final class ConversationTitles {

  private final ContactsModel contacts;
  private final Texts texts;

  public ConversationTitles(ContactsModel contacts, Texts texts) {
    this.contacts = contacts;
    this.texts = texts;
  }

  public String title(Conversation conversation) {
    if (conversation.isGroup()) {
      return conversation.group() != null && conversation.group().name() != null ? conversation.group().name()
          : "#" + conversation.id();
    }
    Friend friend = conversation.peer() == null ? null : contacts.friend(conversation.peer().id());
    if (friend != null) {
      return friend.shownName();
    }
    return conversation.peer() != null && conversation.peer().username() != null ? conversation.peer().name()
        : "#" + conversation.id();
  }

  /** The picture of a conversation's row: the group's, the peer's, or the assistant's own. */
  public String picture(Conversation conversation) {
    if (conversation.isGroup()) {
      return conversation.group() == null ? null : conversation.group().avatarUrl();
    }
    if (conversation.peer() == null) {
      return null;
    }
    return contacts.isAssistant(conversation.peer().id()) ? ling.client.ui.Avatar.ASSISTANT
        : conversation.peer().avatarUrl();
  }

  public String preview(Message message) {
    if (message == null) {
      return "";
    }
    if (message.recalled()) {
      return texts.get("chat.recalled");
    }
    return switch (message.kind()) {
      case "image" -> texts.get("chat.image");
      case "video" -> texts.get("chat.video");
      case "file", "voice" -> texts.get("chat.file", message.file() == null ? "" : message.file().name());
      case "call" -> message.call() == null ? "" : texts.get("chat.call", message.call().media(), message.call().outcome());
      case "system" -> message.text() == null ? texts.get("chat.system") : message.text();
      default -> message.text() == null ? "" : message.text().replace('\n', ' ');
    };
  }
}
