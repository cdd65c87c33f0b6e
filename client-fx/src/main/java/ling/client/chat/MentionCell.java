package ling.client.chat;

import ling.client.files.Attachments;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;

/** One member (or everyone) an "@" may name: picture, name, and the username beside it. */
final class MentionCell extends ListCell<Mentions.Candidate> {

  /** The height of a row, so that the list can be as tall as a few of them. */
  static final double HEIGHT = 44;

  private final Texts texts;
  private final Attachments images;

  MentionCell(Texts texts, Attachments images) {
    this.texts = texts;
    this.images = images;
    setPrefHeight(HEIGHT);
  }

  @Override
  protected void updateItem(Mentions.Candidate item, boolean empty) {
    super.updateItem(item, empty);
    setText(null);
    if (empty || item == null) {
      setGraphic(null);
      return;
    }
    Label name = new Label(item.name());
    name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label detail = new Label(item.everyone() ? texts.get("chat.mentionEveryoneHint") : "@" + item.username());
    detail.getStyleClass().add("muted-text");
    HBox row = new HBox(8, Avatar.of(item.name(), item.everyone() ? null : item.avatarUrl(), images), name, detail);
    row.setAlignment(Pos.CENTER_LEFT);
    row.setId("mention-" + item.userId());
    setGraphic(row);
  }
}
