package ling.client.chat;

import ling.client.files.Attachments;
import ling.client.emoji.EmojiText;
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
  private final Drafts drafts;
  private final javafx.beans.value.ObservableLongValue open;

  ConversationCell(ConversationTitles titles, Texts texts, Attachments images, Drafts drafts,
                   javafx.beans.value.ObservableLongValue open) {
    this.drafts = drafts;
    this.open = open;
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
    Label time = new Label(Times.relative(item.updatedAt(), texts.locale()));
    time.getStyleClass().add("muted-text");
    time.setMinWidth(Region.USE_PREF_SIZE);
    HBox top = new HBox(6, oneLine(name, 20), time);
    String draft = open.get() == item.id() ? "" : drafts.of(item.id());
    var preview = draft.isEmpty() ? EmojiText.flow(titles.preview(item.lastMessage()), 14, "conversation-preview")
        : EmojiText.flow(texts.get("chat.draft", draft.replace('\n', ' ')), 14, "draft-preview");
    HBox bottom = new HBox(6, oneLine(preview, 18));
    if (item.unreadMentions() > 0 && draft.isEmpty()) {
      Label mentioned = new Label(texts.get("chat.mentionedTag"));
      mentioned.getStyleClass().add("mention-tag");
      mentioned.setId("mentioned-" + item.id());
      mentioned.setMinWidth(Region.USE_PREF_SIZE);
      bottom.getChildren().add(0, mentioned);
    }
    if (item.unreadCount() > 0) {
      Label badge = new Label(item.unreadCount() > 99 ? "99+" : Long.toString(item.unreadCount()));
      badge.getStyleClass().add("unread-badge");
      if (item.muted()) {
        badge.getStyleClass().add("muted");
      }
      badge.setId("unread-" + item.id());
      badge.setMinWidth(Region.USE_PREF_SIZE);
      bottom.getChildren().add(badge);
    }
    VBox text = new VBox(2, top, bottom);
    HBox.setHgrow(text, Priority.ALWAYS);
    String picture = titles.picture(item);
    HBox row = new HBox(8, Avatar.of(title, picture, images), text);
    row.setAlignment(Pos.CENTER_LEFT);
    row.setPrefWidth(0);
    setPrefWidth(0);
    setGraphic(row);
  }

  /**
   * The text on one line, as wide as the row leaves it and cut at its edge: a plain pane lays the
   * text out at its natural width (no wrapping), and its clip hides what does not fit.
   */
  private static Region oneLine(javafx.scene.text.TextFlow text, double height) {
    javafx.scene.layout.Pane line = new javafx.scene.layout.Pane(text);
    line.setMinSize(0, height);
    line.setPrefSize(0, height);
    line.setMaxHeight(height);
    HBox.setHgrow(line, Priority.ALWAYS);
    javafx.scene.shape.Rectangle visible = new javafx.scene.shape.Rectangle();
    visible.widthProperty().bind(line.widthProperty());
    visible.heightProperty().bind(line.heightProperty());
    line.setClip(visible);
    return line;
  }
}
