package ling.client.chat;

import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import ling.client.api.Models.Message;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;
import ling.client.ui.Times;

/**
 * One chat line: a bubble with avatar, name and time, the user's own on the right; recalled and
 * system messages as a quiet centred line.
 */
final class MessageCell extends ListCell<ChatLine> {

  private final long myId;
  private final Texts texts;
  private final LongFunction<String> nameOf;
  private final Consumer<Message> recall;
  private final ConversationTitles titles;

  MessageCell(long myId, Texts texts, LongFunction<String> nameOf, Consumer<Message> recall,
              ConversationTitles titles) {
    this.myId = myId;
    this.texts = texts;
    this.nameOf = nameOf;
    this.recall = recall;
    this.titles = titles;
  }

  @Override
  protected void updateItem(ChatLine line, boolean empty) {
    super.updateItem(line, empty);
    setText(null);
    setContextMenu(null);
    if (empty || line == null) {
      setGraphic(null);
      return;
    }
    Message message = line.message();
    if (message.recalled() || "system".equals(message.kind())) {
      Label quiet = new Label(message.recalled() ? nameOf.apply(message.senderId()) + " · " + texts.get("chat.recalled")
          : titles.preview(message));
      quiet.getStyleClass().add(message.recalled() ? "recalled" : "system-line");
      quiet.setId("line-" + (message.id() == 0 ? message.clientMsgId() : Long.toString(message.id())));
      HBox centred = new HBox(quiet);
      centred.setAlignment(Pos.CENTER);
      setGraphic(centred);
      return;
    }
    boolean own = message.senderId() == myId;
    String body = "text".equals(message.kind()) ? message.text() : titles.preview(message);
    TextFlow text = EmojiText.flow(body, 20, "message-text");
    text.setMaxWidth(420);
    VBox bubble = new VBox(text);
    bubble.getStyleClass().add("bubble");
    if (own) {
      bubble.getStyleClass().add("own");
    }
    bubble.setId("bubble-" + (message.id() == 0 ? message.clientMsgId() : Long.toString(message.id())));
    bubble.setMaxWidth(440);
    String state = switch (line.status()) {
      case PENDING -> texts.get("chat.sending");
      case FAILED -> texts.get("chat.failed");
      case SENT -> Times.clock(message.createdAt());
    };
    Label meta = new Label(own ? state : nameOf.apply(message.senderId()) + "  " + state);
    meta.getStyleClass().add("message-meta");
    VBox column = new VBox(2, meta, bubble);
    column.setAlignment(own ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
    HBox row = own ? new HBox(8, column, Avatar.of(nameOf.apply(myId)))
        : new HBox(8, Avatar.of(nameOf.apply(message.senderId())), column);
    row.setAlignment(own ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
    setGraphic(row);
    if (own && !line.pending()) {
      MenuItem recallItem = new MenuItem(texts.get("chat.recall"));
      recallItem.setOnAction(e -> recall.accept(message));
      setContextMenu(new ContextMenu(recallItem));
    }
  }
}
