package ling.client.main;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputDialog;
import ling.client.ui.Fx;
import ling.client.session.SignedIn;
import ling.client.chat.ChatsView;
import ling.client.contacts.ContactsController;
import ling.client.contacts.ContactsView;
import ling.client.i18n.Texts;
import ling.client.settings.Settings;
import ling.client.settings.SettingsView;
import ling.client.ui.Avatar;

/** Switches between chats, contacts and settings, shows the connection, and signs out. */
public final class MainController {

  private final MainView view;
  private final SignedIn client;
  private final Texts texts;
  private final ChatsView chats;
  private final ContactsView contacts;
  private final Settings settings;
  private SettingsView settingsView;
  private Notifier notifier;
  private final MessageChime chime = new MessageChime();

  public MainController(MainView view, SignedIn client, Texts texts, Settings settings, Runnable signOut) {
    this.view = view;
    this.client = client;
    this.texts = texts;
    this.settings = settings;
    this.chats = new ChatsView(client.chatModels(), texts, settings::ctrlEnterSends);
    chats.pane().onCall((conversation, media) -> {
      if (conversation.isGroup()) {
        client.calls().startGroup(conversation.id(), media);
        return;
      }
      if (conversation.peer() != null) {
        call(conversation.id(), conversation.peer().id(), media);
      }
    });
    this.contacts = new ContactsView(texts);
    new ContactsController(contacts, client.contacts(), client.me().id(), client.attachments(), texts,
        conversationId -> {
      show(chats, view.chats);
      chats.open(conversationId);
    }, (friend, media) -> call(friend.conversationId(), friend.user().id(), media));
    client.meProperty().addListener((obs, was, now) -> avatar());
    avatar();
    view.connection.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> texts.get("main.state." + client.stateProperty().get().name()), client.stateProperty()));
    view.chats.setOnAction(e -> show(chats, view.chats));
    view.contacts.setOnAction(e -> show(contacts, view.contacts));
    view.settings.setOnAction(e -> {
      if (settingsView == null) {
        settingsView = new SettingsView(settings, texts, view.getScene(), client.calls().devices());
      }
      show(settingsView, view.settings);
    });
    view.approveDevice.setOnAction(e -> approveDevice());
    view.signOut.setOnAction(e -> signOut.run());
    show(chats, view.chats);
    // notifications once the window exists
    view.sceneProperty().addListener((obs, was, scene) -> {
      if (scene != null && notifier == null) {
        scene.windowProperty().addListener((o, w, window) -> {
          if (window != null && notifier == null) {
            startNotifications(window);
          }
        });
        if (scene.getWindow() != null) {
          startNotifications(scene.getWindow());
        }
      }
    });
  }

  /** Calls a friend; nothing happens while a call is going on already. */
  private void call(long conversationId, long peerId, String media) {
    var call = client.calls().start(conversationId, peerId, media);
    if (call != null) {
      open(view.getScene().getWindow(), call);
    }
  }

  /** Calls ring in their own window, and the user's own calls show in one too. */
  private void startCalls(javafx.stage.Window window) {
    client.calls().onIncoming(call -> open(window, call));
    client.calls().onGroupCall(call -> {
      var conversation = client.conversations().find(call.conversationId());
      String title = conversation == null || conversation.group() == null ? "" : conversation.group().name();
      new ling.client.call.GroupCallWindow(window, call, client.calls(), texts, title, client.me().id(), id -> {
        var member = conversation == null || conversation.group() == null ? null
            : client.groupMembers().member(conversation.group().id(), id);
        return member != null ? ling.client.groups.GroupMembers.shownName(member) : "#" + id;
      }, settings.theme()).show();
    });
  }

  /** The window of a call, the peer named as the user knows them. */
  public void open(javafx.stage.Window window, ling.client.call.CallModel call) {
    var friend = client.contacts().friend(call.peerId());
    String name = friend != null ? friend.shownName() : "#" + call.peerId();
    new ling.client.call.CallWindow(window, call, client.calls(), texts, name, settings.theme()).show();
  }

  private void startNotifications(javafx.stage.Window window) {
    startCalls(window);
    ling.client.chat.ConversationTitles titles = new ling.client.chat.ConversationTitles(client.contacts(), texts);
    notifier = new Notifier(window, settings.theme(), id -> {
      show(chats, view.chats);
      chats.open(id);
    }, texts.get("app.title"), settings::messageSound, () -> client.conversations().openProperty().get(), chime);
    client.onMessage((conversation, message) -> notifier.message(conversation, message, client.me().id(),
        conversation == null ? "" : titles.title(conversation),
        (message.mentions(client.me().id()) ? texts.get("chat.mentionedTag") + " " : "") + titles.preview(message)));
  }

  /** Closes what lives outside the window (the tray icon, a notification). */
  public void close() {
    if (notifier != null) {
      notifier.close();
    }
  }

  public ChatsView chats() {
    return chats;
  }

  /** How often a new message has sounded so far. */
  public int chimes() {
    return chime.sounded();
  }

  private void show(Node content, Button selected) {
    view.content.getChildren().setAll(content);
    for (Button nav : new Button[] {view.chats, view.contacts, view.settings}) {
      nav.getStyleClass().remove("selected");
    }
    selected.getStyleClass().add("selected");
  }

  private void avatar() {
    var badge = Avatar.of(client.me().name(), client.me().avatarUrl(), client.attachments());
    badge.setId("myAvatar");
    badge.setOnMouseClicked(e -> editProfile());
    badge.setCursor(javafx.scene.Cursor.HAND);
    javafx.scene.control.Tooltip.install(badge, new javafx.scene.control.Tooltip(texts.get("main.profile")));
    view.avatarSlot.getChildren().setAll(badge);
  }

  /** Approves a new device's sign-in by the code it shows. */
  private void approveDevice() {
    TextInputDialog dialog = new TextInputDialog();
    dialog.setTitle(texts.get("main.approveDevice"));
    dialog.setHeaderText(texts.get("main.approveDeviceHint"));
    dialog.getEditor().setId("approveCode");
    ling.client.ui.Themes.follow(dialog, view.getScene());
    dialog.initOwner(view.getScene().getWindow());
    dialog.resultProperty().addListener((obs, was, code) -> {
      if (code != null && !code.isBlank()) {
        Fx.whenDone(client.approveDevice(code.strip()), x -> { }, err -> {
          var alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, texts.failure(err));
          alert.show();
        });
      }
    });
    dialog.show();
  }

  /** The profile editor, from one's own avatar. */
  public void editProfile() {
    ProfileDialog dialog = new ProfileDialog(client, texts);
    ling.client.ui.Themes.follow(dialog, view.getScene());
    dialog.initOwner(view.getScene().getWindow());
    dialog.show();
  }
}
