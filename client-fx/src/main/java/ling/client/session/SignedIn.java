package ling.client.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import ling.client.api.FileTransfers;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.LiveSocket;
import ling.client.api.Models.Message;
import ling.client.api.Models.User;
import ling.client.files.Attachments;
import ling.client.chat.ChatModel;
import ling.client.chat.ConversationsModel;
import ling.client.contacts.ContactsModel;
import ling.client.groups.GroupMembers;

/**
 * A signed-in user's session: the gateway, the live socket and the models the views bind to.
 * Every event of the socket goes to the {@link PushRouter} on the FX thread; after every reconnect
 * the lists are fetched again and open chats catch up by seq.
 */
public final class SignedIn {

  private final Gateway gateway;
  private final ObjectProperty<User> me;
  private final ConversationsModel conversations;
  private final ContactsModel contacts;
  private final ObjectProperty<LiveSocket.State> state = new SimpleObjectProperty<>(LiveSocket.State.CONNECTING);
  private final Map<Long, ChatModel> chats = new HashMap<>();
  private final LiveSocket socket;
  private final FileTransfers files;
  private final Attachments attachments;
  private final GroupMembers groupMembers;
  private final ling.client.groups.GroupsModel groups;
  private final ling.client.call.Calls calls;
  private final ling.client.assistant.AssistantModel assistant;
  /** Where each event of the socket goes. */
  private final PushRouter pushes;
  private Runnable onSignedOut = () -> { };
  private java.util.function.BiConsumer<ling.client.api.Models.Conversation, Message> onMessage = (c, m) -> { };

  public SignedIn(Gateway gateway, User me, java.util.function.Supplier<ling.client.call.MediaChoice> devices) {
    this.gateway = gateway;
    this.me = new SimpleObjectProperty<>(me);
    this.conversations = new ConversationsModel(gateway, me.id());
    this.contacts = new ContactsModel(gateway, me.id());
    this.socket = new LiveSocket(gateway, frame -> Fx.later(() -> handle(frame)),
        s -> Fx.later(() -> changed(s)), () -> Fx.later(this::caughtUp));
    this.files = new FileTransfers(gateway);
    this.attachments = new Attachments(files);
    this.groupMembers = new GroupMembers(gateway);
    this.groups = new ling.client.groups.GroupsModel(gateway, files, groupMembers, () -> {
      contacts.reload();
      conversations.reload();
    });
    this.calls = new ling.client.call.Calls(socket::send, gateway, devices);
    this.assistant = new ling.client.assistant.AssistantModel(gateway);
    this.pushes = new PushRouter(me.id(), conversations, contacts, calls, groupMembers, assistant, chats, this::chat,
        (conversation, message) -> onMessage.accept(conversation, message));
    // the assistant tops the conversations and the contacts
    assistant.statusProperty().addListener((obs, was, now) -> {
      contacts.assistantIdProperty().set(now == null ? 0 : now.userId());
      conversations.topProperty().set(now == null ? 0 : now.conversationId());
    });
  }

  public ling.client.assistant.AssistantModel assistant() {
    return assistant;
  }

  public ling.client.call.Calls calls() {
    return calls;
  }

  public GroupMembers groupMembers() {
    return groupMembers;
  }

  public ling.client.groups.GroupsModel groups() {
    return groups;
  }

  public FileTransfers files() {
    return files;
  }

  public Attachments attachments() {
    return attachments;
  }

  public void start() {
    // the assistant, with the lists, comes once the socket is open (and after every reconnect)
    socket.start();
  }

  /** Closes the socket; with {@code logout} the refresh token is ended on the server too. */
  public void stop(boolean logout) {
    calls.dispose();
    assistant.stop();
    socket.stop();
    if (logout) {
      gateway.logout();
    }
  }

  /** Every new message with its conversation (null when not listed yet), after the models took it. */
  public void onMessage(java.util.function.BiConsumer<ling.client.api.Models.Conversation, Message> listener) {
    this.onMessage = listener;
  }

  public void onSignedOut(Runnable listener) {
    this.onSignedOut = listener;
  }

  public Gateway gateway() {
    return gateway;
  }

  public ObjectProperty<User> meProperty() {
    return me;
  }

  public User me() {
    return me.get();
  }

  /** Changes the user's profile; the session's user follows once the server agreed. */
  public java.util.concurrent.CompletableFuture<User> updateMe(ObjectNode changes) {
    java.util.concurrent.CompletableFuture<User> done = new java.util.concurrent.CompletableFuture<>();
    Fx.whenDone(gateway.updateMe(changes), updated -> {
      me.set(updated);
      done.complete(updated);
    }, done::completeExceptionally);
    return done;
  }

  /** A picture of the user's as their avatar. */
  public java.util.concurrent.CompletableFuture<User> setAvatar(java.nio.file.Path picture) {
    return files.upload(picture, null, p -> { }, new FileTransfers.Cancel())
        .thenCompose(file -> updateMe(ling.client.api.Wire.object().put("avatarFileId", file.fileId())));
  }

  public java.util.concurrent.CompletableFuture<Void> changePassword(String current, String next) {
    return gateway.changePassword(current, next);
  }

  /** Lets a new device in by the code it shows. */
  public java.util.concurrent.CompletableFuture<Void> approveDevice(String code) {
    return gateway.approveDeviceLink(code);
  }

  public ConversationsModel conversations() {
    return conversations;
  }

  public ContactsModel contacts() {
    return contacts;
  }

  public ObjectProperty<LiveSocket.State> stateProperty() {
    return state;
  }

  public LiveSocket socket() {
    return socket;
  }

  /** What the chat views work with. */
  public ling.client.chat.ChatModels chatModels() {
    return new ling.client.chat.ChatModels(me, conversations, contacts, groupMembers, groups, assistant, attachments,
        files, this::chat);
  }

  /** The chat of a conversation, made once and kept while signed in. */
  public ChatModel chat(long conversationId) {
    return chats.computeIfAbsent(conversationId, id -> {
      ChatModel chat = new ChatModel(id, me().id(), gateway, socket::send);
      chat.open();
      return chat;
    });
  }

  public boolean send(ObjectNode frame) {
    return socket.send(frame);
  }

  private void changed(LiveSocket.State next) {
    state.set(next);
    if (next == LiveSocket.State.SIGNED_OUT) {
      onSignedOut.run();
    }
  }

  private void caughtUp() {
    conversations.reload();
    contacts.reload();
    chats.values().forEach(ChatModel::catchUp);
    assistant.load();
  }

  void handle(JsonNode frame) {
    pushes.handle(frame);
  }
}
