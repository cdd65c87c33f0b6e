package ling.client.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** A round badge with the first character of a name (the picture comes with avatars' images). */
public final class Avatar {

  private Avatar() {
  }

  public static StackPane of(String name) {
    String text = name == null || name.isBlank() ? "?" : name.strip().substring(0, name.strip().offsetByCodePoints(0, 1))
        .toUpperCase(java.util.Locale.ROOT);
    Label initial = new Label(text);
    initial.getStyleClass().add("avatar-text");
    StackPane badge = new StackPane(initial);
    badge.getStyleClass().add("avatar");
    return badge;
  }
}
