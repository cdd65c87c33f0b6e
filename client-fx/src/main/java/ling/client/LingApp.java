package ling.client;

import javafx.application.Application;
import javafx.stage.Stage;
import ling.client.settings.Profile;

/** The Ling desktop client. */
public class LingApp extends Application {

  @Override
  public void start(Stage stage) {
    new ClientWindow(stage, Profile.ofUser()).open();
    if (Boolean.getBoolean("ling.reportStartup")) {
      reportFirstFrame();
    }
    if (Boolean.getBoolean("ling.exitAfterStartup")) {
      exitAfterStartup();
    }
  }

  /**
   * For packaging: a run that only starts, so that the classes of a start can be listed and
   * archived for the package's JVM. It ends 3 s after the window is drawn, time enough for the
   * wire's warm-up that follows the first frame.
   */
  private static void exitAfterStartup() {
    ling.client.ui.Fx.afterFrame(() -> {
      javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
      settle.setOnFinished(e -> System.exit(0));
      settle.play();
    });
  }

  /** For the client benchmark: how long the user waited for the window, until its first frame is drawn. */
  private static void reportFirstFrame() {
    ling.client.ui.Fx.afterFrame(() -> ProcessHandle.current().info().startInstant().ifPresent(started ->
        System.out.println("ling: window shown " + java.time.Duration.between(started, java.time.Instant.now())
            .toMillis() + " ms after launch")));
  }

  public static void main(String[] args) {
    launch(args);
  }
}
