package ling.client.main;

import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import ling.client.ui.Fx;
import ling.client.session.SignedIn;
import ling.client.api.Models.User;
import ling.client.api.Wire;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** The user's own profile: name, signature, phone, email, avatar, and the password. */
final class ProfileDialog extends Dialog<ButtonType> {

  final EmojiField displayName = EmojiField.singleLine();
  final EmojiField signature = EmojiField.singleLine();
  final TextField phone = new TextField();
  final TextField email = new TextField();
  final PasswordField oldPassword = new PasswordField();
  final PasswordField newPassword = new PasswordField();
  final Label message = new Label();

  ProfileDialog(SignedIn client, Texts texts) {
    setTitle(texts.get("main.profile"));
    User me = client.me();
    displayName.setId("profileDisplayName");
    displayName.setText(me.displayName() == null ? "" : me.displayName());
    signature.setId("profileSignature");
    signature.setText(me.signature() == null ? "" : me.signature());
    phone.setId("profilePhone");
    phone.setText(me.phone() == null ? "" : me.phone());
    email.setId("profileEmail");
    email.setText(me.email() == null ? "" : me.email());
    oldPassword.setId("oldPassword");
    oldPassword.setPromptText(texts.get("profile.oldPassword"));
    newPassword.setId("newPassword");
    newPassword.setPromptText(texts.get("login.newPassword"));
    message.setId("profileMessage");
    message.setWrapText(true);
    Button avatar = new Button(texts.get("profile.avatar"));
    avatar.setId("profileAvatar");
    avatar.setOnAction(e -> {
      FileChooser chooser = new FileChooser();
      chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.gif",
          "*.bmp"));
      File chosen = chooser.showOpenDialog(getOwner());
      if (chosen != null) {
        Fx.whenDone(client.setAvatar(chosen.toPath()), x -> { }, err -> message.setText(texts.failure(err)));
      }
    });
    Button changePassword = new Button(texts.get("profile.changePassword"));
    changePassword.setId("changePassword");
    changePassword.setOnAction(e -> Fx.whenDone(client.changePassword(oldPassword.getText(),
        newPassword.getText()), x -> message.setText(texts.get("profile.passwordChanged")),
        err -> message.setText(texts.failure(err))));

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(8);
    form.getStyleClass().add("form");
    int row = 0;
    form.addRow(row++, new Label(texts.get("profile.displayName")), displayName);
    form.addRow(row++, new Label(texts.get("profile.signature")), signature);
    form.addRow(row++, new Label(texts.get("profile.phone")), phone);
    form.addRow(row++, new Label(texts.get("profile.email")), email);
    form.addRow(row++, new Label(texts.get("profile.avatarLabel")), avatar);
    form.addRow(row++, new Label(texts.get("profile.password")), oldPassword);
    form.addRow(row++, new Label(""), newPassword);
    form.addRow(row++, new Label(""), changePassword);
    form.add(message, 0, row, 2, 1);
    getDialogPane().setContent(form);

    ButtonType save = new ButtonType(texts.get("groups.save"), ButtonBar.ButtonData.OK_DONE);
    getDialogPane().getButtonTypes().addAll(save, ButtonType.CLOSE);
    Button saveButton = (Button) getDialogPane().lookupButton(save);
    saveButton.setId("saveProfile");
    // saving keeps the dialog open until the server agreed
    saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
      e.consume();
      var changes = Wire.object().put("displayName", displayName.getText().strip())
          .put("signature", signature.getText().strip());
      if (!phone.getText().isBlank()) {
        changes.put("phone", phone.getText().strip());
      }
      if (!email.getText().isBlank()) {
        changes.put("email", email.getText().strip());
      }
      Fx.whenDone(client.updateMe(changes), updated -> close(), err -> message.setText(texts.failure(err)));
    });
  }
}
