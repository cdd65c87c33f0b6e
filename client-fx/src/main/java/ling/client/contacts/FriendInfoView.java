package ling.client.contacts;

import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import ling.client.api.Models.FriendFolder;
import ling.client.i18n.Texts;

/** One friend: who they are, the remark and folder one keeps for them, and what one can do. */
public final class FriendInfoView extends VBox {

  final StackPane avatar = new StackPane();
  final Label name = new Label();
  final Label username = new Label();
  final Label signature = new Label();
  final TextField remark = new TextField();
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
    chat = new Button(texts.get("contacts.startChat"));
    chat.setId("friendChat");
    voiceCall = new Button(texts.get("call.voice"));
    voiceCall.setId("friendVoiceCall");
    videoCall = new Button(texts.get("call.video"));
    videoCall.setId("friendVideoCall");
    delete = new Button(texts.get("contacts.remove"));
    delete.setId("deleteFriend");
    message.getStyleClass().add("error-text");
    message.setWrapText(true);
    HBox remarkRow = new HBox(6, remark, saveRemark);
    HBox.setHgrow(remark, Priority.ALWAYS);
    getChildren().addAll(new HBox(10, avatar, new VBox(2, name, username)), signature,
        new Label(texts.get("contacts.remark")), remarkRow, new Label(texts.get("contacts.folder")), folder,
        new HBox(8, chat, voiceCall, videoCall, delete), message);
    setVisible(false);
    managedProperty().bind(visibleProperty());
  }
}
