package ling.client.chat;

import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import ling.client.api.Models.Conversation;
import ling.client.i18n.Texts;

/** Conversations on the left, the open one on the right. */
public final class ChatsView extends SplitPane {

  private final ChatModels models;
  private final ListView<Conversation> list = new ListView<>();
  /** One box for conversations, friends and groups (each has its conversation), by any of its names. */
  private final ling.client.emoji.EmojiField filter = ling.client.emoji.EmojiField.singleLine();
  private javafx.collections.transformation.FilteredList<Conversation> shown;
  private final ChatPane pane;
  private final Texts texts;
  private final Drafts drafts = new Drafts();
  private boolean listChanging;

  public ChatsView(ChatModels models, Texts texts, java.util.function.BooleanSupplier ctrlEnterSends) {
    this.models = models;
    this.texts = texts;
    ConversationTitles titles = new ConversationTitles(models.contacts(), texts);
    list.setId("conversations");
    list.setPlaceholder(ling.client.ui.Placeholders.of(texts.get("chats.empty")));
    list.getStyleClass().add("conversation-list");
    // registered before the list view's own listener: while the list changes, the selection moves by
    // itself (a row removed and put back higher up), and that must not open another conversation
    models.conversations().items().addListener((javafx.collections.ListChangeListener<Conversation>) c ->
        listChanging = true);
    shown = new javafx.collections.transformation.FilteredList<>(models.conversations().items());
    list.setItems(shown);
    filter.setId("searchAll");
    filter.setPromptText(texts.get("chats.search"));
    javafx.scene.Node emptyHint = list.getPlaceholder();
    javafx.scene.Node noMatch = ling.client.ui.Placeholders.of(texts.get("chats.noMatch"));
    filter.textProperty().addListener((obs, was, now) -> {
      String query = now == null ? "" : now.strip().toLowerCase(java.util.Locale.ROOT);
      shown.setPredicate(query.isEmpty() ? null : c -> matches(c, query, titles));
      list.setPlaceholder(query.isEmpty() ? emptyHint : noMatch);
    });
    filter.setOnAction(e -> {
      if (!shown.isEmpty()) {
        list.getSelectionModel().select(shown.get(0));
      }
    });
    filter.setOnKeyPressed(e -> {
      if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
        filter.clear();
      }
    });
    list.setCellFactory(l -> {
      ConversationCell cell = new ConversationCell(titles, texts, models.attachments(), drafts,
          models.conversations().openProperty());
      cell.itemProperty().addListener((obs, was, now) -> cell.setContextMenu(now == null ? null : menu(now, texts)));
      // made again as it opens: whether there is unread to summarise, and an assistant to do it, changes
      cell.addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e ->
          cell.setContextMenu(cell.getItem() == null ? null : menu(cell.getItem(), texts)));
      return cell;
    });
    pane = new ChatPane(models, texts, titles, ctrlEnterSends, drafts);
    // a row shows its draft while another conversation is open
    drafts.all().addListener((javafx.collections.MapChangeListener<Long, String>) change -> list.refresh());
    list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
      if (listChanging) {
        return;
      }
      if (now != null && (was == null || was.id() != now.id())) {
        models.conversations().openProperty().set(now.id());
        pane.show(now);
      }
    });
    // after the list view's own listener: the open conversation is the selected one again
    models.conversations().items().addListener((javafx.collections.ListChangeListener<Conversation>) c -> {
      listChanging = false;
      long open = models.conversations().openProperty().get();
      Conversation selected = list.getSelectionModel().getSelectedItem();
      if (open != 0 && (selected == null || selected.id() != open)) {
        Conversation again = models.conversations().find(open);
        if (again != null) {
          list.getSelectionModel().select(again);
        } else {
          list.getSelectionModel().clearSelection();
        }
      }
    });
    // names come with the contacts: redraw the rows when they change
    models.contacts().friends().addListener((javafx.collections.ListChangeListener<Object>) c -> list.refresh());
    javafx.scene.layout.VBox left = new javafx.scene.layout.VBox(filter, list);
    left.getStyleClass().add("conversation-side");
    javafx.scene.layout.VBox.setMargin(filter, new javafx.geometry.Insets(0, 8, 0, 8));
    javafx.scene.layout.VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    getItems().addAll(left, pane);
    setDividerPositions(0.3);
  }

  /** Whether a conversation is called, or its peer or group is named, like the query (lower case). */
  private boolean matches(Conversation conversation, String query, ConversationTitles titles) {
    java.util.List<String> names = new java.util.ArrayList<>();
    names.add(titles.title(conversation));
    if (conversation.peer() != null) {
      names.add(conversation.peer().name());
      names.add(conversation.peer().username());
    }
    if (conversation.group() != null) {
      names.add(conversation.group().name());
    }
    return names.stream().anyMatch(n -> n != null && n.toLowerCase(java.util.Locale.ROOT).contains(query));
  }

  /** Opens a conversation by id (from a contact), once it is listed. */
  public void open(long conversationId) {
    filter.clear();
    Conversation conversation = models.conversations().find(conversationId);
    if (conversation != null) {
      list.getSelectionModel().select(conversation);
      list.scrollTo(conversation);
    } else {
      models.conversations().items().addListener(new javafx.collections.ListChangeListener<Conversation>() {
        @Override
        public void onChanged(Change<? extends Conversation> c) {
          Conversation found = models.conversations().find(conversationId);
          if (found != null) {
            models.conversations().items().removeListener(this);
            javafx.application.Platform.runLater(() -> list.getSelectionModel().select(found));
          }
        }
      });
      models.conversations().reload();
    }
  }

  /** Mute and pin, per conversation, for this user. */
  private javafx.scene.control.ContextMenu menu(Conversation conversation, Texts texts) {
    javafx.scene.control.MenuItem mute = new javafx.scene.control.MenuItem(
        texts.get(conversation.muted() ? "chat.unmute" : "chat.mute"));
    mute.setOnAction(e -> change(conversation, "muted", !conversation.muted()));
    javafx.scene.control.MenuItem pin = new javafx.scene.control.MenuItem(
        texts.get(conversation.pinned() ? "chat.unpin" : "chat.pin"));
    pin.setOnAction(e -> change(conversation, "pinned", !conversation.pinned()));
    javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(mute, pin);
    if (models.assistant().exists() && conversation.id() != models.assistant().conversationId()) {
      javafx.scene.control.MenuItem summarise = new javafx.scene.control.MenuItem(texts.get("assistant.summarise"));
      summarise.setId("summarise-" + conversation.id());
      summarise.setDisable(conversation.unreadCount() == 0);
      summarise.setOnAction(e -> summarise(conversation));
      menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), summarise);
    }
    return menu;
  }

  /** The assistant summarises the unread messages in its own chat, which opens to show it arrive. */
  public void summarise(Conversation conversation) {
    models.assistant().summarise(conversation.id(), status -> open(status.conversationId()), err -> {
      javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
          texts.failure(err));
      alert.setHeaderText(null);
      alert.initOwner(getScene() == null ? null : getScene().getWindow());
      alert.show();
    });
  }

  /** Changes a flag; the list keeps its peer and group, which the answer does not carry. */
  public void change(Conversation conversation, String flag, boolean value) {
    models.conversations().change(conversation.id(), flag, value);
  }

  public ChatPane pane() {
    return pane;
  }
}
