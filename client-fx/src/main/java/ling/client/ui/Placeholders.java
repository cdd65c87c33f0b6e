package ling.client.ui;

import javafx.scene.control.Label;

/** What an empty list shows: a short hint of what would be there, not rows of nothing. */
public final class Placeholders {

  private Placeholders() {
  }

  public static Label of(String text) {
    Label hint = new Label(text);
    hint.getStyleClass().add("placeholder");
    hint.setWrapText(true);
    return hint;
  }
}
