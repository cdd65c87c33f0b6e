package ling.client.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import ling.client.ui.Themes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A field that draws what is typed into it with the emoji in colour, and gives back the same text. */
@ExtendWith(ApplicationExtension.class)
class EmojiFieldTest {

  private EmojiField area;
  private EmojiField line;
  private TextField plain;

  @Start
  void start(Stage stage) {
    area = EmojiField.multiLine();
    line = EmojiField.singleLine();
    plain = new TextField();
    VBox root = new VBox(8, area, line, plain);
    Scene scene = new Scene(root, 420, 260);
    Themes.apply(scene, "light");
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void emojiAreDrawnInColourWhereTheToolkitsOwnFieldDrawsThemWithout(FxRobot robot) throws Exception {
    robot.interact(() -> {
      line.setText("🍉🍉🍉");
      plain.setText("🍉🍉🍉");
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(3, line.lookupAll(".emoji").size());
    int drawn = colouredPixels(line);
    int font = colouredPixels(plain);
    assertTrue(drawn > 150, "the watermelons are red and green: " + drawn);
    // what the test tells apart: the toolkit's field draws them from a font, without colour (a few
    // pixels of its text's edges may be tinted)
    assertTrue(font < drawn / 10, "a TextField has no colour for emoji here: " + font + " against " + drawn);
  }

  @Test
  void theTextAndTheCaretAreThoseOfTheStringWhateverTheEmojiLength(FxRobot robot) {
    String text = "hi 😀 there 👍🏽 and 🇨🇳!";
    robot.interact(() -> area.setText(text));
    assertEquals(text, area.getText());
    assertEquals(text.length(), area.getCaretPosition(), "set text puts the caret at its end");
    assertEquals(3, area.lookupAll(".emoji").size());
    // offsets count the string's chars: after "hi 😀" is 5
    robot.interact(() -> {
      area.positionCaret(5);
      area.insertText(area.getCaretPosition(), "x");
    });
    assertEquals("hi 😀x there 👍🏽 and 🇨🇳!", area.getText());
    assertEquals(6, area.getCaretPosition());
    // an offset inside an emoji goes to its end
    robot.interact(() -> area.positionCaret(4));
    assertEquals(5, area.getCaretPosition());
    // what is typed or pasted with emoji in it is drawn too
    robot.interact(() -> {
      area.end();
      area.appendText(" 🎉\nnext line ⛰️");
    });
    assertEquals("hi 😀x there 👍🏽 and 🇨🇳! 🎉\nnext line ⛰️", area.getText());
    assertEquals(5, area.lookupAll(".emoji").size());
    robot.interact(area::clear);
    assertEquals("", area.getText());
    assertEquals(0, area.lookupAll(".emoji").size());
  }

  @Test
  void copyingGivesTheEmojiAsTextAndOneLineStaysOneLine(FxRobot robot) throws Exception {
    robot.interact(() -> {
      area.setText("上山 ⛰️ 集合 😄");
      area.selectAll();
    });
    robot.interact(() -> area.lookupAll(".emoji-field-area").stream().findFirst()
        .map(org.fxmisc.richtext.GenericStyledArea.class::cast).orElseThrow().copy());
    assertEquals("上山 ⛰️ 集合 😄", WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
        .get(5, TimeUnit.SECONDS));

    AtomicInteger actions = new AtomicInteger();
    robot.interact(() -> {
      line.setOnAction(e -> actions.incrementAndGet());
      line.setText("one\ntwo 🙂");
    });
    assertEquals("one two 🙂", line.getText(), "a line break becomes a space");
    robot.interact(() -> {
      line.requestFocus();
      Node inner = line.lookup(".emoji-field-area");
      inner.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false));
    });
    assertEquals(1, actions.get(), "Enter is the field's action");
    assertEquals("one two 🙂", line.getText(), "and adds no line");
  }

  /** Pixels that are clearly a colour, not a grey of text or frame. */
  private static int colouredPixels(Node node) throws Exception {
    WritableImage shot = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(5, TimeUnit.SECONDS);
    int count = 0;
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        Color c = shot.getPixelReader().getColor(x, y);
        double max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
        double min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
        // the focus ring and caret are blue: only strong reds and greens count
        if (max - min > 0.5 && c.getBlue() < max - 0.3) {
          count++;
        }
      }
    }
    return count;
  }
}
