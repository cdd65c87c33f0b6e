package ling.client.chat;

import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import ling.client.SignedIn;
import ling.client.api.Models.Conversation;
import ling.client.i18n.Texts;

/** Conversations on the left, the open one on the right. */
public final class ChatsView extends SplitPane {

  private final SignedIn client;
  private final ListView<Conversation> list = new ListView<>();
  private final ChatPane pane;

  public ChatsView(SignedIn client, Texts texts) {
    this.client = client;
    ConversationTitles titles = new ConversationTitles(client.contacts(), texts);
    list.setId("conversations");
    list.getStyleClass().add("conversation-list");
    list.setItems(client.conversations().items());
    list.setCellFactory(l -> new ConversationCell(titles, texts));
    pane = new ChatPane(client, texts, titles);
    list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
      if (now != null && (was == null || was.id() != now.id())) {
        client.conversations().openProperty().set(now.id());
        pane.show(now);
      }
    });
    // a conversation that moved up keeps its selection
    client.conversations().items().addListener((javafx.collections.ListChangeListener<Conversation>) c -> {
      long open = client.conversations().openProperty().get();
      Conversation selected = list.getSelectionModel().getSelectedItem();
      if (open != 0 && (selected == null || selected.id() != open)) {
        javafx.application.Platform.runLater(() -> {
          // unless another conversation was opened meanwhile
          Conversation again = client.conversations().find(open);
          Conversation now = list.getSelectionModel().getSelectedItem();
          if (again != null && client.conversations().openProperty().get() == open
              && (now == null || now.id() != open)) {
            list.getSelectionModel().select(again);
          }
        });
      }
    });
    // names come with the contacts: redraw the rows when they change
    client.contacts().friends().addListener((javafx.collections.ListChangeListener<Object>) c -> list.refresh());
    getItems().addAll(list, pane);
    setDividerPositions(0.3);
  }

  /** Opens a conversation by id (from a contact), once it is listed. */
  public void open(long conversationId) {
    Conversation conversation = client.conversations().find(conversationId);
    if (conversation != null) {
      list.getSelectionModel().select(conversation);
      list.scrollTo(conversation);
    } else {
      client.conversations().items().addListener(new javafx.collections.ListChangeListener<Conversation>() {
        @Override
        public void onChanged(Change<? extends Conversation> c) {
          Conversation found = client.conversations().find(conversationId);
          if (found != null) {
            client.conversations().items().removeListener(this);
            javafx.application.Platform.runLater(() -> list.getSelectionModel().select(found));
          }
        }
      });
      client.conversations().reload();
    }
  }

  public ChatPane pane() {
    return pane;
  }
}
