package ling.client.groups;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import ling.client.api.Models.GroupMember;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** A group's information beside its chat: name, announcement, members, and what one may do. */
public final class GroupInfoView extends VBox {

  final EmojiField name = EmojiField.singleLine();
  final EmojiField announcement = EmojiField.multiLine();
  final Button save;
  final Button avatar;
  final ListView<GroupMember> members = new ListView<>();
  final Button invite;
  final EmojiField nickname = EmojiField.singleLine();
  final Button saveNickname;
  final Button leave;
  final Button dissolve;
  final Label message = new Label();

  public GroupInfoView(Texts texts) {
    setId("groupInfo");
    getStyleClass().add("group-info");
    setSpacing(6);
    setPrefWidth(340);
    setMinWidth(300);
    setStyle("-fx-padding: 8;");
    name.setId("groupName");
    announcement.setId("groupAnnouncement");
    announcement.setPromptText(texts.get("groups.announcement"));
    announcement.setPrefRowCount(3);
    save = new Button(texts.get("groups.save"));
    save.setId("saveGroup");
    avatar = new Button(texts.get("groups.avatar"));
    avatar.setId("groupAvatar");
    members.setId("groupMembers");
    VBox.setVgrow(members, Priority.ALWAYS);
    invite = new Button(texts.get("groups.invite"));
    invite.setId("inviteMembers");
    nickname.setId("myNickname");
    nickname.setPromptText(texts.get("groups.nickname"));
    saveNickname = new Button(texts.get("groups.save"));
    saveNickname.setId("saveNickname");
    leave = new Button(texts.get("groups.leave"));
    leave.setId("leaveGroup");
    dissolve = new Button(texts.get("groups.dissolve"));
    dissolve.setId("dissolveGroup");
    message.getStyleClass().add("error-text");
    for (javafx.scene.Node hideable : new javafx.scene.Node[] {save, avatar, leave, dissolve}) {
      hideable.managedProperty().bind(hideable.visibleProperty());
    }
    message.setWrapText(true);
    HBox nicknameRow = new HBox(6, nickname, saveNickname);
    HBox.setHgrow(nickname, Priority.ALWAYS);
    getChildren().addAll(title(texts.get("groups.name")), name, title(texts.get("groups.announcement")), announcement,
        new HBox(6, save, avatar), title(texts.get("groups.members")), members, invite, nicknameRow, new HBox(6, leave, dissolve), message);
  }

  private static Label title(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("section-title");
    return label;
  }
}
