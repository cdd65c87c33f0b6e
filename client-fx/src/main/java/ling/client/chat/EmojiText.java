package ling.client.chat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Text with its emoji drawn from the bundled colour sheet, as a {@link TextFlow}. */
public final class EmojiText {

  private static final int CELL = 34;
  private static final int IMAGE = 32;
  private static Image sheet;

  private EmojiText() {
  }

  /** A flow of the text at the given emoji size (about the line height). */
  public static TextFlow flow(String text, double emojiSize, String textStyleClass) {
    TextFlow flow = new TextFlow();
    for (EmojiIndex.Run run : EmojiIndex.bundled().split(text == null ? "" : text)) {
      flow.getChildren().add(run.isEmoji() ? image(run.emoji(), emojiSize) : text(run.text(), textStyleClass));
    }
    return flow;
  }

  /** One emoji as an image of the given size; its accessible text is the emoji itself. */
  public static ImageView image(EmojiIndex.Emoji emoji, double size) {
    ImageView view = new ImageView(sheet());
    view.setViewport(new Rectangle2D(emoji.column() * CELL + 1, emoji.row() * CELL + 1, IMAGE, IMAGE));
    view.setFitWidth(size);
    view.setFitHeight(size);
    view.setSmooth(true);
    view.setAccessibleText(emoji.text());
    view.getStyleClass().add("emoji");
    view.setUserData(emoji.text());
    return view;
  }

  /** The text a flow shows, emoji included as their characters (for tests and copying). */
  public static String textOf(TextFlow flow) {
    StringBuilder out = new StringBuilder();
    List<Node> children = flow.getChildren();
    for (Node child : children) {
      if (child instanceof Text text) {
        out.append(text.getText());
      } else if (child.getUserData() instanceof String emoji) {
        out.append(emoji);
      }
    }
    return out.toString();
  }

  private static Text text(String content, String styleClass) {
    Text text = new Text(content);
    if (styleClass != null) {
      text.getStyleClass().add(styleClass);
    }
    return text;
  }

  private static synchronized Image sheet() {
    if (sheet == null) {
      sheet = new Image(EmojiText.class.getResource("/ling/client/emoji/twemoji-32.png").toExternalForm());
    }
    return sheet;
  }
}
