package ling.client.groups;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import ling.client.api.Models.Friend;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** A new group: its name and the friends picked to be in it. */
public final class NewGroupDialog extends Dialog<NewGroupDialog.Choice> {

  /** What the user chose. */
  public record Choice(String name, List<Long> memberIds) {
  }

  final EmojiField name = EmojiField.singleLine();
  final List<CheckBox> picks = new ArrayList<>();

  public NewGroupDialog(Texts texts, List<Friend> friends) {
    setTitle(texts.get("contacts.newGroup"));
    name.setId("newGroupName");
    name.setPromptText(texts.get("groups.name"));
    VBox list = new VBox(6);
    for (Friend friend : friends) {
      CheckBox pick = new CheckBox(friend.shownName());
      pick.setId("pick-" + friend.user().username());
      pick.setUserData(friend.user().id());
      picks.add(pick);
      list.getChildren().add(pick);
    }
    ScrollPane scroll = new ScrollPane(list);
    scroll.setPrefHeight(240);
    getDialogPane().setContent(new VBox(8, name, scroll));
    ButtonType create = new ButtonType(texts.get("groups.create"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(create, ButtonType.CANCEL);
    getDialogPane().lookupButton(create).disableProperty().bind(name.textProperty().isEmpty());
    getDialogPane().lookupButton(create).setId("createGroup");
    setResultConverter(button -> button == create ? choice() : null);
  }

  /** The same picking, to invite friends into an existing group: its name is fixed. */
  public void forInvite(String groupName) {
    setTitle(groupName);
    name.setText(groupName);
    name.setEditable(false);
  }

  Choice choice() {
    List<Long> ids = picks.stream().filter(CheckBox::isSelected).map(p -> (Long) p.getUserData()).toList();
    return new Choice(name.getText().strip(), ids);
  }

  /** Shows the dialog without blocking; the choice, if any, goes to {@code chosen}. */
  public void ask(java.util.function.Consumer<Choice> chosen) {
    resultProperty().addListener((obs, was, now) -> {
      if (now != null) {
        chosen.accept(now);
      }
    });
    show();
  }
}
