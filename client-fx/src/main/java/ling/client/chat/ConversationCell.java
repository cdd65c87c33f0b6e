package ling.client.chat;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import ling.client.api.Models.Conversation;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;
import ling.client.ui.Times;

/** A row of the conversation list: avatar, name, preview with emoji, time and unread badge. */
final class ConversationCell extends ListCell<Conversation> {

  private final ConversationTitles titles;
  private final Texts texts;
  private final Attachments images;

  ConversationCell(ConversationTitles titles, Texts texts, Attachments images) {
    this.titles = titles;
    this.texts = texts;
    this.images = images;
  }

  @Override
  protected void updateItem(Conversation item, boolean empty) {
    super.updateItem(item, empty);
    setText(null);
    if (empty || item == null) {
      setGraphic(null);
      return;
    }
    String title = titles.title(item);
    var name = EmojiText.flow(title, 15, "conversation-title");
    name.setId("conversation-" + item.id());
    name.setMaxHeight(20);
    Label time = new Label(Times.relative(item.updatedAt(), texts.locale()));
    time.getStyleClass().add("muted-text");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox top = new HBox(6, name, gap, time);
    var preview = EmojiText.flow(titles.preview(item.lastMessage()), 14, "conversation-preview");
    preview.setMaxHeight(18);
    HBox bottom = new HBox(6, preview);
    if (item.unreadCount() > 0) {
      Region push = new Region();
      HBox.setHgrow(push, Priority.ALWAYS);
      Label badge = new Label(item.unreadCount() > 99 ? "99+" : Long.toString(item.unreadCount()));
      badge.getStyleClass().add("unread-badge");
      if (item.muted()) {
        badge.getStyleClass().add("muted");
      }
      badge.setId("unread-" + item.id());
      bottom.getChildren().addAll(push, badge);
    }
    VBox text = new VBox(2, top, bottom);
    HBox.setHgrow(text, Priority.ALWAYS);
    String picture = titles.picture(item);
    HBox row = new HBox(8, Avatar.of(title, picture, images), text);
    row.setAlignment(Pos.CENTER_LEFT);
    setGraphic(row);
  }
}
