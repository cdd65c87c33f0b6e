package ling.client;

/** The jar's entry point; it must not extend Application for JavaFX to start from the class path. */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) {
    LingApp.main(args);
  }
}
