package ling.client.chat;

import ling.client.files.Attachments;
import java.util.function.LongFunction;
import javafx.beans.value.ObservableObjectValue;
import ling.client.api.FileTransfers;
import ling.client.api.Models.User;
import ling.client.assistant.AssistantModel;
import ling.client.contacts.ContactsModel;
import ling.client.groups.GroupMembers;
import ling.client.groups.GroupsModel;

/**
 * What the chats work with: the signed-in user, the models that own the server calls and the
 * chat of each conversation (made once by the session).
 */
public record ChatModels(ObservableObjectValue<User> meProperty, ConversationsModel conversations,
                         ContactsModel contacts, GroupMembers groupMembers, GroupsModel groups,
                         AssistantModel assistant, Attachments attachments, FileTransfers files,
                         LongFunction<ChatModel> chats) {

  public User me() {
    return meProperty.get();
  }

  public ChatModel chat(long conversationId) {
    return chats.apply(conversationId);
  }
}
