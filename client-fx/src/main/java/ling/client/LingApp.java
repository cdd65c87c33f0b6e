package ling.client;

import javafx.application.Application;
import javafx.stage.Stage;
import ling.client.settings.Profile;

/** The Ling desktop client. */
public class LingApp extends Application {

  @Override
  public void start(Stage stage) {
    new ClientWindow(stage, Profile.ofUser()).open();
  }

  public static void main(String[] args) {
    launch(args);
  }
}
