package ling.client.login;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** The sign-in window's content: sign in, create an account, or reset a forgotten password. */
public final class LoginView extends VBox {

  final TextField server = new TextField();
  final TextField username = new TextField();
  final PasswordField password = new PasswordField();
  final EmojiField displayName = EmojiField.singleLine();
  final TextField email = new TextField();
  final CheckBox remember;
  final Button submit = new Button();
  final Hyperlink toggleMode = new Hyperlink();
  final Hyperlink forgot;
  final Label message = new Label();
  // the password reset form
  final VBox resetForm = new VBox(8);
  final TextField resetUsername = new TextField();
  final Button resetRequest;
  final TextField resetCode = new TextField();
  final PasswordField newPassword = new PasswordField();
  final Button resetConfirm;
  final Hyperlink resetBack;
  final VBox signInForm = new VBox(8);
  // signing in by a device that is signed in already
  final Hyperlink deviceLink;
  final VBox linkForm = new VBox(8);
  final Label linkCode = new Label();
  final javafx.scene.image.ImageView linkQr = new javafx.scene.image.ImageView();
  final Hyperlink linkBack;

  public LoginView(Texts texts) {
    getStyleClass().add("login");
    setId("loginView");
    Label title = new Label(texts.get("app.title"));
    title.getStyleClass().add("title");

    server.setId("server");
    server.setPromptText(texts.get("login.server"));
    username.setId("username");
    username.setPromptText(texts.get("login.username"));
    password.setId("password");
    password.setPromptText(texts.get("login.password"));
    displayName.setId("displayName");
    displayName.setPromptText(texts.get("login.displayName"));
    email.setId("email");
    email.setPromptText(texts.get("login.email"));
    remember = new CheckBox(texts.get("login.remember"));
    remember.setId("remember");
    submit.setId("submit");
    submit.setDefaultButton(true);
    submit.setMaxWidth(Double.MAX_VALUE);
    toggleMode.setId("toggleMode");
    forgot = new Hyperlink(texts.get("login.forgot"));
    forgot.setId("forgot");
    message.setId("loginMessage");
    message.setWrapText(true);
    message.getStyleClass().add("error-text");

    deviceLink = new Hyperlink(texts.get("login.deviceLink"));
    deviceLink.setId("deviceLink");
    HBox links = new HBox(8, toggleMode, forgot);
    links.setAlignment(Pos.CENTER);
    HBox deviceRow = new HBox(deviceLink);
    deviceRow.setAlignment(Pos.CENTER);
    signInForm.getChildren().addAll(username, password, displayName, email, remember, submit, links, deviceRow);
    linkCode.setId("linkCode");
    linkCode.setWrapText(true);
    linkQr.setId("linkQr");
    linkBack = new Hyperlink(texts.get("login.back"));
    linkBack.setId("linkBack");
    linkForm.getChildren().addAll(linkQr, linkCode, linkBack);
    linkForm.setAlignment(Pos.CENTER);

    resetUsername.setId("resetUsername");
    resetUsername.setPromptText(texts.get("login.username"));
    resetRequest = new Button(texts.get("login.resetRequest"));
    resetRequest.setId("resetRequest");
    resetCode.setId("resetCode");
    resetCode.setPromptText(texts.get("login.resetCode"));
    newPassword.setId("newPassword");
    newPassword.setPromptText(texts.get("login.newPassword"));
    resetConfirm = new Button(texts.get("login.resetConfirm"));
    resetConfirm.setId("resetConfirm");
    resetBack = new Hyperlink(texts.get("login.back"));
    resetBack.setId("resetBack");
    resetForm.getChildren().addAll(resetUsername, resetRequest, resetCode, newPassword, resetConfirm, resetBack);

    getChildren().addAll(title, server, signInForm, resetForm, linkForm, message);
    setMaxWidth(320);
    setAlignment(Pos.CENTER);
  }
}
