package ling.client.ui;

import javafx.scene.Scene;

/** The light and dark themes: a shared layout sheet plus one of colours. */
public final class Themes {

  private Themes() {
  }

  /** A dialog drawn in the theme of the window it belongs to. */
  public static void follow(javafx.scene.control.Dialog<?> dialog, Scene owner) {
    if (owner != null) {
      dialog.getDialogPane().getStylesheets().setAll(owner.getStylesheets());
    }
  }

  public static void apply(Scene scene, String theme) {
    scene.getStylesheets().setAll(
        Themes.class.getResource("/ling/client/theme/base.css").toExternalForm(),
        Themes.class.getResource("/ling/client/theme/" + ("dark".equals(theme) ? "dark" : "light") + ".css")
            .toExternalForm());
  }
}
