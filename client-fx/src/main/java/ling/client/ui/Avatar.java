package ling.client.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** A round badge with the first character of a name (the picture comes with avatars' images). */
public final class Avatar {

  private Avatar() {
  }

  /** The user's picture when there is one (loaded in the background), the initial meanwhile. */
  public static StackPane of(String name, String avatarUrl, ling.client.chat.Attachments images) {
    StackPane badge = of(name);
    if (avatarUrl != null && images != null) {
      javafx.scene.image.ImageView picture = new javafx.scene.image.ImageView();
      picture.imageProperty().bind(images.image(avatarUrl));
      picture.setFitWidth(36);
      picture.setFitHeight(36);
      picture.setClip(new javafx.scene.shape.Circle(18, 18, 18));
      picture.visibleProperty().bind(picture.imageProperty().isNotNull());
      badge.getChildren().add(picture);
    }
    return badge;
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
