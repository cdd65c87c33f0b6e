package ling.client.login;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import ling.client.ui.Fx;
import ling.client.session.SignedIn;
import ling.client.api.Gateway;
import ling.client.api.Models.AuthResult;
import ling.client.i18n.Texts;
import ling.client.settings.Settings;

/**
 * Signs in, creates accounts and resets passwords. The server address is checked and
 * remembered; with "remember me" the refresh token (never the password) is kept for the next
 * start, and each rotation of it replaces the kept one.
 */
public final class LoginController {

  private final LoginView view;
  private final Settings settings;
  private final RememberedSignIn remembered;
  private final Texts texts;
  private final HttpClient http;
  private final Consumer<SignedIn> signedIn;
  private final BooleanProperty registering = new SimpleBooleanProperty(false);
  private final BooleanProperty resetting = new SimpleBooleanProperty(false);
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty linking = new SimpleBooleanProperty(false);
  private javafx.animation.Timeline linkPoll;

  public LoginController(LoginView view, Settings settings, RememberedSignIn remembered, Texts texts, HttpClient http,
                         Consumer<SignedIn> signedIn) {
    this.view = view;
    this.settings = settings;
    this.remembered = remembered;
    this.texts = texts;
    this.http = http;
    this.signedIn = signedIn;
    bind();
  }

  private void bind() {
    view.server.setText(settings.server());
    view.username.setText(settings.lastUsername());
    view.remember.setSelected(settings.rememberMe());
    view.displayName.visibleProperty().bind(registering);
    view.displayName.managedProperty().bind(registering);
    view.email.visibleProperty().bind(registering);
    view.email.managedProperty().bind(registering);
    view.signInForm.visibleProperty().bind(resetting.not().and(linking.not()));
    view.signInForm.managedProperty().bind(view.signInForm.visibleProperty());
    view.linkForm.visibleProperty().bind(linking);
    view.linkForm.managedProperty().bind(linking);
    view.deviceLink.setOnAction(e -> startLink());
    view.linkBack.setOnAction(e -> stopLink());
    view.resetForm.visibleProperty().bind(resetting);
    view.resetForm.managedProperty().bind(resetting);
    view.submit.textProperty().bind(javafx.beans.binding.Bindings.when(registering)
        .then(texts.get("login.register")).otherwise(texts.get("login.signIn")));
    view.toggleMode.textProperty().bind(javafx.beans.binding.Bindings.when(registering)
        .then(texts.get("login.toSignIn")).otherwise(texts.get("login.toRegister")));
    view.submit.disableProperty().bind(busy);
    view.resetRequest.disableProperty().bind(busy);
    view.resetConfirm.disableProperty().bind(busy);
    view.toggleMode.setOnAction(e -> {
      registering.set(!registering.get());
      view.message.setText("");
    });
    view.forgot.setOnAction(e -> {
      view.resetUsername.setText(view.username.getText());
      resetting.set(true);
      view.message.setText("");
    });
    view.resetBack.setOnAction(e -> resetting.set(false));
    view.submit.setOnAction(e -> submit());
    view.resetRequest.setOnAction(e -> requestReset());
    view.resetConfirm.setOnAction(e -> confirmReset());
  }

  /** Tries the remembered sign-in; {@code otherwise} runs when there is none or it no longer works. */
  public void autoSignIn(Runnable otherwise) {
    RememberedSignIn.Entry entry = remembered.load();
    URI server = entry == null ? null : Settings.normalizeServer(entry.server());
    if (entry == null || server == null || !settings.rememberMe()) {
      otherwise.run();
      return;
    }
    busy.set(true);
    view.message.setText(texts.get("login.working"));
    Gateway gateway = gateway(server, entry.username(), true);
    Fx.whenDone(gateway.resume(entry.refreshToken()), result -> done(gateway, result), err -> {
      busy.set(false);
      if (err instanceof ling.client.api.ApiException api && api.status() == 401) {
        remembered.forget();
        view.message.setText("");
      } else {
        view.message.setText(texts.failure(err));
      }
      otherwise.run();
    });
  }

  void submit() {
    URI server = Settings.normalizeServer(view.server.getText());
    if (server == null) {
      view.message.setText(texts.get("login.invalidServer"));
      return;
    }
    String username = view.username.getText().strip();
    String password = view.password.getText();
    if (username.isEmpty() || password.isEmpty()) {
      view.message.setText(texts.get("login.required"));
      return;
    }
    settings.setServer(server.toString());
    settings.setLastUsername(username);
    settings.setRememberMe(view.remember.isSelected());
    if (!view.remember.isSelected()) {
      remembered.forget();
    }
    busy.set(true);
    view.message.setText(texts.get("login.working"));
    Gateway gateway = gateway(server, username, view.remember.isSelected());
    var answer = registering.get()
        ? gateway.register(username, password, view.displayName.getText().strip(), view.email.getText().strip())
        : gateway.login(username, password);
    Fx.whenDone(answer, result -> done(gateway, result), err -> {
      busy.set(false);
      view.message.setText(texts.failure(err));
    });
  }

  private void requestReset() {
    URI server = Settings.normalizeServer(view.server.getText());
    if (server == null) {
      view.message.setText(texts.get("login.invalidServer"));
      return;
    }
    busy.set(true);
    Fx.whenDone(new Gateway(http, server).requestPasswordReset(view.resetUsername.getText().strip()), x -> {
      busy.set(false);
      view.message.setText(texts.get("login.resetSent"));
    }, err -> {
      busy.set(false);
      view.message.setText(texts.failure(err));
    });
  }

  private void confirmReset() {
    URI server = Settings.normalizeServer(view.server.getText());
    if (server == null) {
      view.message.setText(texts.get("login.invalidServer"));
      return;
    }
    busy.set(true);
    Fx.whenDone(new Gateway(http, server).confirmPasswordReset(view.resetUsername.getText().strip(),
        view.resetCode.getText().strip(), view.newPassword.getText()), x -> {
          busy.set(false);
          resetting.set(false);
          view.username.setText(view.resetUsername.getText().strip());
          view.password.clear();
          view.message.setText(texts.get("login.resetDone"));
        }, err -> {
          busy.set(false);
          view.message.setText(texts.failure(err));
        });
  }

  /**
   * Device-link sign-in: shows the code (and its QR code) for a signed-in device to approve, and
   * asks the server every two seconds until it is approved or expires.
   */
  void startLink() {
    URI server = Settings.normalizeServer(view.server.getText());
    if (server == null) {
      view.message.setText(texts.get("login.invalidServer"));
      return;
    }
    settings.setServer(server.toString());
    view.message.setText("");
    Gateway gateway = new Gateway(http, server);
    Fx.whenDone(gateway.startDeviceLink(), link -> {
      linking.set(true);
      view.linkCode.setText(texts.get("login.deviceLinkShow", link.code()));
      view.linkQr.setImage(QrCodes.of("ling://link/" + link.code(), 200));
      linkPoll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(2),
          e -> pollLink(gateway, link.linkId())));
      linkPoll.setCycleCount(javafx.animation.Animation.INDEFINITE);
      linkPoll.play();
    }, err -> view.message.setText(texts.failure(err)));
  }

  private void pollLink(Gateway gateway, String linkId) {
    Fx.whenDone(gateway.pollDeviceLink(linkId), result -> {
      if (result != null && linking.get()) {
        stopLink();
        signedIn.accept(new SignedIn(gateway, result.user(), settings::mediaChoice));
      }
    }, err -> {
      stopLink();
      view.message.setText(err instanceof ling.client.api.ApiException api && api.status() == 410
          ? texts.get("login.linkExpired") : texts.failure(err));
    });
  }

  private void stopLink() {
    if (linkPoll != null) {
      linkPoll.stop();
    }
    linking.set(false);
  }

  /** A gateway whose every new refresh token is remembered (when the user asked for it). */
  private Gateway gateway(URI server, String username, boolean remember) {
    Gateway gateway = new Gateway(http, server);
    if (remember) {
      gateway.onTokens(tokens -> remembered.save(new RememberedSignIn.Entry(server.toString(), username,
          tokens.refreshToken())));
    }
    return gateway;
  }

  private void done(Gateway gateway, AuthResult result) {
    busy.set(false);
    view.message.setText("");
    view.password.clear();
    signedIn.accept(new SignedIn(gateway, result.user(), settings::mediaChoice));
  }
}
