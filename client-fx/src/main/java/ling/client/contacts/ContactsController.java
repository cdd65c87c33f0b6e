package ling.client.contacts;

import java.util.List;
import java.util.function.LongConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import ling.client.ui.Fx;
import ling.client.api.Models.Friend;
import ling.client.api.Models.FriendRequest;
import ling.client.api.Models.Group;
import ling.client.api.Models.User;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;
import ling.client.ui.Icons;

/** Searching users, sending and answering friend requests, and opening a friend's chat. */
public final class ContactsController {

  private final ContactsView view;
  private final ContactsModel contacts;
  private final long myId;
  private final Texts texts;
  private final LongConsumer openConversation;
  private final FriendInfoController info;

  public ContactsController(ContactsView view, ContactsModel contacts, long myId,
                            ling.client.files.Attachments attachments, Texts texts, LongConsumer openConversation,
                            java.util.function.BiConsumer<Friend, String> call) {
    this.view = view;
    this.contacts = contacts;
    this.myId = myId;
    this.texts = texts;
    this.openConversation = openConversation;
    this.info = new FriendInfoController(view.info, contacts, attachments, texts, openConversation, call);
    bind();
  }

  private void bind() {
    view.requests.setItems(contacts.incoming());
    view.sent.setItems(contacts.outgoing());
    view.sent.setCellFactory(cells((FriendRequest request) -> {
      Label waiting = new Label(texts.get("contacts.waiting"));
      waiting.getStyleClass().add("muted-text");
      return row(request.to().name(), null, waiting);
    }));
    view.groups.setItems(contacts.groups());
    view.find.setOnAction(e -> search());
    view.newGroup.setOnAction(e -> newGroup().ask(choice -> Fx.whenDone(contacts.createGroup(choice.name(),
        choice.memberIds()), group -> openConversation.accept(group.conversationId()),
        err -> view.message.setText(texts.failure(err)))));
    view.results.setCellFactory(cells((User user) -> {
      boolean friend = contacts.friend(user.id()) != null || user.id() == myId;
      Button add = Icons.button("add-" + user.username(), friend ? Icons.IS_FRIEND : Icons.ADD_FRIEND,
          texts.get("contacts.add"));
      add.setDisable(friend);
      add.setOnAction(e -> Fx.whenDone(contacts.requestFriend(user.id()), request -> {
        Icons.change(add, Icons.REQUESTED, texts.get("contacts.requested"));
        add.setDisable(true);
      }, err -> view.message.setText(texts.failure(err))));
      // the name, and under it the username, each on a line of its own
      Label handle = new Label("@" + user.username());
      handle.getStyleClass().add("muted-text");
      handle.setMinWidth(0);
      VBox both = new VBox(0, shrinking(user.name()), handle);
      both.setMinWidth(0);
      return row(Avatar.of(user.name()), both, null, add);
    }));
    view.requests.setCellFactory(cells((FriendRequest request) -> {
      Button accept = new Button(texts.get("contacts.accept"));
      accept.setId("accept-" + request.from().username());
      accept.setOnAction(e -> contacts.accept(request, err -> view.message.setText(texts.failure(err))));
      Button reject = new Button(texts.get("contacts.reject"));
      reject.setId("reject-" + request.from().username());
      reject.setOnAction(e -> contacts.reject(request, err -> view.message.setText(texts.failure(err))));
      String note = request.message() == null || request.message().isBlank() ? "" : "  “" + request.message() + "”";
      return row(request.from().name() + note, null, accept, reject);
    }));
    view.friends.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
      @Override
      protected void updateItem(Object item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
          setGraphic(null);
        } else if (item instanceof ling.client.api.Models.FriendFolder folder) {
          Label label = new Label(folder.name() + "  (" + friendsIn(folder.id()) + ")");
          label.getStyleClass().add("section-title");
          label.setId("folder-" + folder.id());
          setGraphic(label);
        } else if (item instanceof Friend friend) {
          boolean assistant = contacts.isAssistant(friend.user().id());
          Circle dot = new Circle(4);
          dot.getStyleClass().add(friend.user().online() ? "online-dot" : "offline-dot");
          Button chat = Icons.button("chat-" + friend.user().username(), Icons.CHAT, texts.get("contacts.startChat"));
          chat.setOnAction(e -> openConversation.accept(friend.conversationId()));
          // the assistant is always there: no presence, its own picture
          HBox graphic = assistant ? row(Avatar.assistant(), friend.shownName(), null, chat)
              : row(Avatar.of(friend.shownName()), friend.shownName(), dot, chat);
          graphic.setId("friend-" + friend.user().username());
          setGraphic(graphic);
        }
      }
    });
    javafx.collections.ListChangeListener<Object> rebuild = c -> tree();
    contacts.friends().addListener(rebuild);
    contacts.folders().addListener(rebuild);
    contacts.assistantIdProperty().addListener((obs, was, now) -> tree());
    tree();
    view.friends.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
      if (now != null && now.getValue() instanceof Friend friend) {
        info.show(friend);
      }
    });
    view.newFolder.setOnAction(e -> ask(texts.get("contacts.newFolder"), "", name ->
        Fx.whenDone(contacts.createFolder(name), f -> { }, this::failed)));
    view.renameFolder.setOnAction(e -> {
      var folder = selectedFolder();
      if (folder != null && !folder.defaultFolder()) {
        ask(texts.get("contacts.renameFolder"), folder.name(), name ->
            Fx.whenDone(contacts.renameFolder(folder.id(), name), f -> { }, this::failed));
      }
    });
    view.deleteFolder.setOnAction(e -> {
      var folder = selectedFolder();
      if (folder != null && !folder.defaultFolder()) {
        Fx.whenDone(contacts.deleteFolder(folder.id()), x -> { }, this::failed);
      }
    });
    view.groupResults.setCellFactory(cells((Group group) -> {
      boolean member = contacts.groups().stream().anyMatch(g -> g.id() == group.id());
      Button join = new Button(texts.get(member ? "contacts.joined" : "contacts.join"));
      join.setId("join-" + group.id());
      join.setDisable(member);
      join.setOnAction(e -> Fx.whenDone(contacts.joinGroup(group.id()), x -> {
        join.setText(texts.get("contacts.joinAsked"));
        join.setDisable(true);
      }, ContactsController.this::failed));
      return row(group.name() + " (" + group.memberCount() + ")", null, join);
    }));
    view.groups.setCellFactory(cells((Group group) -> {
      Button chat = Icons.button("groupChat-" + group.id(), Icons.CHAT, texts.get("contacts.startChat"));
      chat.setOnAction(e -> openConversation.accept(group.conversationId()));
      return row(group.name() + " (" + group.memberCount() + ")", null, chat);
    }));
    // a search result's button changes once the person is a friend
    contacts.friends().addListener((javafx.collections.ListChangeListener<Friend>) c -> view.results.refresh());
  }

  private void search() {
    String query = view.search.getText().strip();
    if (query.isEmpty()) {
      return;
    }
    view.message.setText("");
    Fx.whenDone(contacts.searchUsers(query), view.results.getItems()::setAll,
        err -> view.message.setText(texts.failure(err)));
    Fx.whenDone(contacts.searchGroups(query), view.groupResults.getItems()::setAll,
        err -> view.message.setText(texts.failure(err)));
  }

  /** Folders, each with its friends, all open. */
  private void tree() {
    javafx.scene.control.TreeItem<Object> root = new javafx.scene.control.TreeItem<>();
    // the assistant above the folders, in none of them
    contacts.friends().stream().filter(f -> contacts.isAssistant(f.user().id()))
        .forEach(f -> root.getChildren().add(new javafx.scene.control.TreeItem<>(f)));
    for (var folder : contacts.folders()) {
      javafx.scene.control.TreeItem<Object> node = new javafx.scene.control.TreeItem<>(folder);
      node.setExpanded(true);
      contacts.friends().stream().filter(f -> f.groupId() == folder.id())
          .filter(f -> !contacts.isAssistant(f.user().id()))
          .sorted(java.util.Comparator.comparing((Friend f) -> !f.user().online()).thenComparing(Friend::shownName))
          .forEach(f -> node.getChildren().add(new javafx.scene.control.TreeItem<>(f)));
      root.getChildren().add(node);
    }
    // friends of a folder not listed yet (the lists arrive separately)
    contacts.friends().stream()
        .filter(f -> !contacts.isAssistant(f.user().id()))
        .filter(f -> contacts.folders().stream().noneMatch(folder -> folder.id() == f.groupId()))
        .forEach(f -> root.getChildren().add(new javafx.scene.control.TreeItem<>(f)));
    view.friends.setRoot(root);
  }

  private long friendsIn(long folderId) {
    return contacts.friends().stream().filter(f -> f.groupId() == folderId)
        .filter(f -> !contacts.isAssistant(f.user().id())).count();
  }

  private ling.client.api.Models.FriendFolder selectedFolder() {
    var selected = view.friends.getSelectionModel().getSelectedItem();
    if (selected == null) {
      return null;
    }
    if (selected.getValue() instanceof ling.client.api.Models.FriendFolder folder) {
      return folder;
    }
    return selected.getValue() instanceof Friend friend ? contacts.folders().stream()
        .filter(f -> f.id() == friend.groupId()).findFirst().orElse(null) : null;
  }

  private ling.client.groups.NewGroupDialog newGroup() {
    var dialog = new ling.client.groups.NewGroupDialog(texts, List.copyOf(contacts.friends()));
    ling.client.ui.Themes.follow(dialog, view.getScene());
    return dialog;
  }

  /** A name, asked without blocking; Enter takes it. */
  private void ask(String title, String initial, java.util.function.Consumer<String> named) {
    javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
    dialog.setTitle(title);
    ling.client.emoji.EmojiField name = ling.client.emoji.EmojiField.singleLine();
    name.setId("folderName");
    name.setText(initial);
    name.setPrefColumnCount(24);
    var buttons = dialog.getDialogPane();
    buttons.setContent(name);
    buttons.getButtonTypes().setAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
    name.setOnAction(e -> ((javafx.scene.control.Button) buttons.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    dialog.setResultConverter(button -> button == javafx.scene.control.ButtonType.OK ? name.getText() : null);
    ling.client.ui.Themes.follow(dialog, view.getScene());
    dialog.setOnShown(e -> name.requestFocus());
    dialog.resultProperty().addListener((obs, was, now) -> {
      if (now != null && !now.isBlank()) {
        named.accept(now.strip());
      }
    });
    dialog.show();
  }

  private void failed(Throwable err) {
    view.message.setText(texts.failure(err));
  }

  /** Cells that show what {@code graphic} makes of their item. */
  private static <T> javafx.util.Callback<javafx.scene.control.ListView<T>, ListCell<T>> cells(
      java.util.function.Function<T, javafx.scene.Node> graphic) {
    return list -> new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setGraphic(empty || item == null ? null : graphic.apply(item));
      }
    };
  }

  /** A row whose name gives way first when the list is narrow. */
  private static HBox row(String name, javafx.scene.Node status, javafx.scene.Node... actions) {
    return row(Avatar.of(name), name, status, actions);
  }

  private static HBox row(javafx.scene.Node avatar, String name, javafx.scene.Node status,
                          javafx.scene.Node... actions) {
    return row(avatar, shrinking(name), status, actions);
  }

  /** A label that gives way first (with an ellipsis) when its row is narrow. */
  private static Label shrinking(String text) {
    Label label = new Label(text);
    label.setMinWidth(0);
    label.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
    return label;
  }

  private static HBox row(javafx.scene.Node avatar, javafx.scene.Node text, javafx.scene.Node status,
                          javafx.scene.Node... actions) {
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox row = new HBox(8);
    row.setAlignment(Pos.CENTER_LEFT);
    row.getChildren().add(avatar);
    if (status != null) {
      row.getChildren().add(status);
    }
    row.getChildren().addAll(text, gap);
    row.getChildren().addAll(actions);
    row.setMaxWidth(Double.MAX_VALUE);
    row.setPrefWidth(0);
    return row;
  }
}
