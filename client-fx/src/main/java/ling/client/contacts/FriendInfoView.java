package ling.client.contacts;

import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import ling.client.api.Models.FriendFolder;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** One friend: who they are, the remark and folder one keeps for them, and what one can do. */
public final class FriendInfoView extends VBox {

  final StackPane avatar = new StackPane();
  final Label name = new Label();
  final Label username = new Label();
  final Label signature = new Label();
  final EmojiField remark = EmojiField.singleLine();
  final Button saveRemark;
  final ChoiceBox<FriendFolder> folder = new ChoiceBox<>();
  final Button chat;
  final Button voiceCall;
  final Button videoCall;
  final Button delete;
  final Label message = new Label();

  public FriendInfoView(Texts texts) {
    setId("friendInfo");
    setSpacing(8);
    setStyle("-fx-padding: 8;");
    getStyleClass().add("form");
    name.setId("friendName");
    name.getStyleClass().add("section-title");
    username.getStyleClass().add("muted-text");
    signature.setWrapText(true);
    remark.setId("friendRemark");
    remark.setPromptText(texts.get("contacts.remark"));
    saveRemark = new Button(texts.get("groups.save"));
    saveRemark.setId("saveRemark");
    folder.setId("friendFolder");
    chat = ling.client.ui.Icons.button("friendChat", ling.client.ui.Icons.CHAT, texts.get("contacts.startChat"));
    voiceCall = ling.client.ui.Icons.button("friendVoiceCall", ling.client.ui.Icons.VOICE_CALL, texts.get("call.voice"));
    videoCall = ling.client.ui.Icons.button("friendVideoCall", ling.client.ui.Icons.VIDEO_CALL, texts.get("call.video"));
    delete = ling.client.ui.Icons.button("deleteFriend", ling.client.ui.Icons.REMOVE, texts.get("contacts.remove"));
    message.getStyleClass().add("error-text");
    message.setWrapText(true);
    // the field gives way, never the button's word
    saveRemark.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    remark.setMinWidth(60);
    remark.setPrefColumnCount(8);
    HBox remarkRow = new HBox(6, remark, saveRemark);
    HBox.setHgrow(remark, Priority.ALWAYS);
    getChildren().addAll(new HBox(10, avatar, new VBox(2, name, username)), signature,
        new Label(texts.get("contacts.remark")), remarkRow, new Label(texts.get("contacts.folder")), folder,
        new HBox(8, chat, voiceCall, videoCall, delete), message);
    setVisible(false);
    managedProperty().bind(visibleProperty());
  }
}
