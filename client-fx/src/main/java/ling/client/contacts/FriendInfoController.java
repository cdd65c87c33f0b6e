package ling.client.contacts;

import java.util.function.LongConsumer;
import javafx.util.StringConverter;
import ling.client.ui.Fx;
import ling.client.api.Models.Friend;
import ling.client.api.Models.FriendFolder;
import ling.client.api.Wire;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;

/** Keeps a remark and a folder for a friend, opens the chat, calls, or ends the friendship. */
public final class FriendInfoController {

  private final FriendInfoView view;
  private final ContactsModel contacts;
  private final ling.client.files.Attachments attachments;
  private final Texts texts;
  private Friend friend;
  private boolean showing;

  public FriendInfoController(FriendInfoView view, ContactsModel contacts, ling.client.files.Attachments attachments,
                              Texts texts, LongConsumer openConversation,
                              java.util.function.BiConsumer<Friend, String> call) {
    this.view = view;
    this.contacts = contacts;
    this.attachments = attachments;
    this.texts = texts;
    view.folder.setItems(contacts.folders());
    view.folder.setConverter(new StringConverter<>() {
      @Override
      public String toString(FriendFolder folder) {
        return folder == null ? "" : folder.name();
      }

      @Override
      public FriendFolder fromString(String text) {
        return null;
      }
    });
    view.saveRemark.setOnAction(e -> update(Wire.object().put("remark", view.remark.getText().strip())));
    view.folder.valueProperty().addListener((obs, was, now) -> {
      if (!showing && now != null && friend != null && now.id() != friend.groupId()) {
        update(Wire.object().put("groupId", now.id()));
      }
    });
    view.chat.setOnAction(e -> openConversation.accept(friend.conversationId()));
    view.voiceCall.setOnAction(e -> call.accept(friend, "audio"));
    view.videoCall.setOnAction(e -> call.accept(friend, "video"));
    view.delete.setOnAction(e -> Fx.whenDone(contacts.removeFriend(friend.user().id()),
        x -> view.setVisible(false), err -> view.message.setText(texts.failure(err))));
  }

  public void show(Friend shown) {
    showing = true;
    friend = shown;
    view.setVisible(true);
    boolean assistant = contacts.isAssistant(shown.user().id());
    view.avatar.getChildren().setAll(assistant ? Avatar.assistant()
        : Avatar.of(shown.user().name(), shown.user().avatarUrl(), attachments));
    // nobody calls the assistant or ends the friendship with it (it comes back by itself)
    for (javafx.scene.Node unfit : new javafx.scene.Node[] {view.voiceCall, view.videoCall, view.delete}) {
      unfit.setVisible(!assistant);
      unfit.setManaged(!assistant);
    }
    view.name.setText(shown.shownName());
    view.username.setText("@" + shown.user().username() + (shown.user().online() ? "  · " + texts.get("contacts.online")
        : ""));
    view.signature.setText(shown.user().signature() == null ? "" : shown.user().signature());
    view.remark.setText(shown.remark() == null ? "" : shown.remark());
    view.folder.setValue(contacts.folders().stream().filter(f -> f.id() == shown.groupId()).findFirst()
        .orElse(null));
    view.message.setText("");
    showing = false;
  }

  private void update(com.fasterxml.jackson.databind.node.ObjectNode changes) {
    Fx.whenDone(contacts.updateFriend(friend.user().id(), changes), updated -> {
      friend = updated;
      view.name.setText(updated.shownName());
    }, err -> view.message.setText(texts.failure(err)));
  }
}
