package ling.client.emoji;

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

  /**
   * A flow of the text in which each occurrence of a marked phrase (an "@name" it mentions) is a
   * text of its own with {@code markedStyleClass} as well.
   */
  public static TextFlow flow(String text, double emojiSize, String textStyleClass, List<String> marked,
                              String markedStyleClass) {
    TextFlow flow = flow(text, emojiSize, textStyleClass);
    if (marked.isEmpty()) {
      return flow;
    }
    List<Node> split = new java.util.ArrayList<>();
    for (Node child : flow.getChildren()) {
      if (!(child instanceof Text plain)) {
        split.add(child);
        continue;
      }
      String rest = plain.getText();
      while (!rest.isEmpty()) {
        int at = -1;
        String found = null;
        for (String phrase : marked) {
          int i = rest.indexOf(phrase);
          if (i >= 0 && (at < 0 || i < at || i == at && phrase.length() > found.length())) {
            at = i;
            found = phrase;
          }
        }
        if (found == null) {
          split.add(text(rest, textStyleClass));
          break;
        }
        if (at > 0) {
          split.add(text(rest.substring(0, at), textStyleClass));
        }
        Text mark = text(found, textStyleClass);
        mark.getStyleClass().add(markedStyleClass);
        split.add(mark);
        rest = rest.substring(at + found.length());
      }
    }
    flow.getChildren().setAll(split);
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
