package ling.client.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** A round badge with the first character of a name (the picture comes with avatars' images). */
public final class Avatar {

  private Avatar() {
  }

  /** Stands for the assistant's picture where an avatar URL goes: it has a drawn one of its own. */
  public static final String ASSISTANT = "ling:assistant";

  /** The user's picture when there is one (loaded in the background), the initial meanwhile. */
  public static StackPane of(String name, String avatarUrl, Pictures images) {
    if (ASSISTANT.equals(avatarUrl)) {
      return assistant();
    }
    StackPane badge = of(name);
    if (avatarUrl != null && images != null) {
      javafx.scene.image.ImageView picture = new javafx.scene.image.ImageView();
      // twice the drawn size, for screens that scale
      picture.imageProperty().bind(images.image(avatarUrl, 72));
      picture.setFitWidth(36);
      picture.setFitHeight(36);
      picture.setClip(new javafx.scene.shape.Circle(18, 18, 18));
      picture.visibleProperty().bind(picture.imageProperty().isNotNull());
      badge.getChildren().add(picture);
    }
    return badge;
  }

  /** The assistant's own: a four-pointed spark on a gradient disc, drawn, so no font can lack it. */
  public static StackPane assistant() {
    javafx.scene.shape.SVGPath spark = new javafx.scene.shape.SVGPath();
    spark.setContent("M12 1 C12.8 7.5 16.5 11.2 23 12 C16.5 12.8 12.8 16.5 12 23 C11.2 16.5 7.5 12.8 1 12 "
        + "C7.5 11.2 11.2 7.5 12 1 Z");
    spark.getStyleClass().add("assistant-spark");
    StackPane badge = new StackPane(spark);
    badge.getStyleClass().addAll("avatar", "assistant-avatar");
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
