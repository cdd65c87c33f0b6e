package ling.client;

import ling.client.session.SignedIn;
import java.net.http.HttpClient;
import java.time.Duration;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import ling.client.i18n.Texts;
import ling.client.login.LoginController;
import ling.client.login.LoginView;
import ling.client.login.RememberedSignIn;
import ling.client.main.MainController;
import ling.client.main.MainView;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import ling.client.ui.Themes;

/**
 * One client in one window, over one profile directory: the sign-in first (or the remembered
 * sign-in), then the main window; signing out comes back to the sign-in.
 */
public final class ClientWindow {

  private final Stage stage;
  static final double DEFAULT_WIDTH = 980;
  static final double DEFAULT_HEIGHT = 680;
  static final double MIN_WIDTH = 900;
  static final double MIN_HEIGHT = 600;

  private final Settings settings;
  private final RememberedSignIn remembered;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Texts texts;
  private SignedIn client;
  private MainController main;

  public ClientWindow(Stage stage, Profile profile) {
    this.stage = stage;
    this.settings = Settings.load(profile);
    this.remembered = new RememberedSignIn(profile);
  }

  /** Shows the window: signed in at once when a remembered sign-in still works. */
  public void open() {
    texts = new Texts(settings.locale());
    stage.setTitle(texts.get("app.title"));
    LoginController login = showLogin();
    login.autoSignIn(() -> { });
    stage.setOnCloseRequest(e -> {
      rememberBounds();
      if (client != null) {
        client.stop(false);
      }
      if (main != null) {
        main.close();
      }
    });
    stage.show();
    // the reading of the wire's types is made ready once the window is drawn, not competing with it
    ling.client.ui.Fx.afterFrame(ling.client.api.Wire::warmUp);
  }

  public SignedIn client() {
    return client;
  }

  public MainController main() {
    return main;
  }

  public Stage stage() {
    return stage;
  }

  private LoginController showLogin() {
    LoginView view = new LoginView(texts);
    stage.setMinWidth(0);
    stage.setMinHeight(0);
    LoginController controller = new LoginController(view, settings, remembered, texts, http, this::signedIn);
    setScene(view, 420, 560);
    double[] bounds = settings.windowBounds();
    if (bounds != null) {
      // where the main window was
      stage.setX(bounds[0]);
      stage.setY(bounds[1]);
    }
    return controller;
  }

  private void signedIn(SignedIn signedIn) {
    client = signedIn;
    MainView view = new MainView(texts);
    main = new MainController(view, signedIn, texts, settings, this::signOut);
    signedIn.onSignedOut(() -> {
      // the server ended the session (password changed elsewhere): back to the sign-in
      remembered.forget();
      client = null;
      showLogin();
    });
    double[] bounds = settings.windowBounds();
    setScene(view, bounds == null ? DEFAULT_WIDTH : bounds[2], bounds == null ? DEFAULT_HEIGHT : bounds[3]);
    // below this, the views would have to cut words short
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    if (bounds != null) {
      stage.setX(bounds[0]);
      stage.setY(bounds[1]);
    }
    signedIn.attachments().setOwner(stage);
    signedIn.start();
  }

  private void signOut() {
    rememberBounds();
    if (main != null) {
      main.close();
    }
    remembered.forget();
    if (client != null) {
      client.stop(true);
      client = null;
    }
    showLogin();
  }

  private void setScene(Parent root, double width, double height) {
    Scene scene = new Scene(root, width, height);
    Themes.apply(scene, settings.theme());
    stage.setScene(scene);
  }

  private void rememberBounds() {
    if (client != null) {
      settings.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    }
  }
}
