package ling.client.emoji;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane.ScrollBarPolicy;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.StyledTextArea;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.model.TextOps;
import org.reactfx.util.Either;

/**
 * A text field (one line) or text area (several) that draws emoji from the bundled colour sheet,
 * as the messages do: JavaFX's own fields draw them from fonts, which on Linux have no colour.
 * Its text and offsets are those of the string, as with a {@code TextInputControl}; inside, each
 * emoji is one position of the document, as the layout counts any node in a line.
 */
public final class EmojiField extends StackPane {

  /** An emoji of the document; the empty segment has none. */
  record Glyph(EmojiIndex.Emoji emoji) {
  }

  private static final Glyph NONE = new Glyph(null);
  /** What the document holds for an emoji: one position, whatever the emoji's length in the string. */
  private static final char OBJECT = '\ufffc';

  private static final class GlyphOps implements SegmentOps<Glyph, String> {
    @Override
    public int length(Glyph glyph) {
      return glyph.emoji() == null ? 0 : 1;
    }

    @Override
    public char charAt(Glyph glyph, int index) {
      return OBJECT;
    }

    @Override
    public String getText(Glyph glyph) {
      return glyph.emoji() == null ? "" : String.valueOf(OBJECT);
    }

    @Override
    public Glyph subSequence(Glyph glyph, int start, int end) {
      return start == 0 && end > 0 ? glyph : NONE;
    }

    @Override
    public Glyph subSequence(Glyph glyph, int start) {
      return start == 0 ? glyph : NONE;
    }

    @Override
    public Optional<Glyph> joinSeg(Glyph first, Glyph second) {
      return first.emoji() == null ? Optional.of(second) : second.emoji() == null ? Optional.of(first) : Optional.empty();
    }

    @Override
    public Glyph createEmptySeg() {
      return NONE;
    }
  }

  private static final TextOps<Either<String, Glyph>, String> OPS = SegmentOps.<String>styledTextOps()
      ._or(new GlyphOps(), (first, second) -> Optional.empty());

  private final boolean singleLine;
  private final double emojiSize;
  private final Area area = new Area();
  private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
  private final ReadOnlyIntegerWrapper caretPosition = new ReadOnlyIntegerWrapper(this, "caretPosition", 0);
  private final Label prompt = new Label();
  /** Where each position of the document starts in the text, and the text's length at the end. */
  private int[] offsets = {0};

  private EmojiField(boolean singleLine) {
    this.singleLine = singleLine;
    this.emojiSize = 17;
    getStyleClass().add("emoji-field");
    area.getStyleClass().add("emoji-field-area");
    area.setWrapText(!singleLine);
    prompt.getStyleClass().add("emoji-field-prompt");
    area.setPlaceholder(prompt, javafx.geometry.Pos.TOP_LEFT);
    VirtualizedScrollPane<Area> scroll = new VirtualizedScrollPane<>(area, ScrollBarPolicy.NEVER,
        singleLine ? ScrollBarPolicy.NEVER : ScrollBarPolicy.AS_NEEDED);
    getChildren().add(scroll);
    area.textProperty().addListener((obs, was, now) -> {
      offsets = offsets();
      text.set(plain());
      caretPosition.set(toText(area.getCaretPosition()));
    });
    area.caretPositionProperty().addListener((obs, was, now) -> caretPosition.set(toText(now)));
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (this.singleLine && e.getCode() == KeyCode.ENTER) {
        e.consume();
        fireEvent(new ActionEvent());
      } else if (this.singleLine && e.getCode() == KeyCode.TAB) {
        e.consume();
        traverse(!e.isShiftDown());
      }
    });
    setFocusTraversable(false);
    setPrefRowCount(singleLine ? 1 : 3);
  }

  /** A field of one line: Enter is its action, Tab moves on. */
  public static EmojiField singleLine() {
    return new EmojiField(true);
  }

  /** An area of several lines that wraps. */
  public static EmojiField multiLine() {
    return new EmojiField(false);
  }

  public String getText() {
    return text.get();
  }

  public ReadOnlyStringProperty textProperty() {
    return text.getReadOnlyProperty();
  }

  /** Replaces the whole text; the caret goes to its end. */
  public void setText(String value) {
    area.replaceText(0, area.getLength(), value == null ? "" : value);
    area.moveTo(area.getLength());
  }

  public void clear() {
    setText("");
  }

  public void appendText(String value) {
    area.appendText(value);
  }

  /** Inserts at an offset of the text. */
  public void insertText(int offset, String value) {
    area.insertText(toModel(offset), value);
  }

  /** The caret as an offset of the text. */
  public int getCaretPosition() {
    return caretPosition.get();
  }

  public ReadOnlyIntegerProperty caretPositionProperty() {
    return caretPosition.getReadOnlyProperty();
  }

  /** Puts the caret at an offset of the text (inside an emoji: after it). */
  public void positionCaret(int offset) {
    area.moveTo(toModel(offset));
    area.requestFollowCaret();
  }

  public void end() {
    area.moveTo(area.getLength());
    area.requestFollowCaret();
  }

  public void selectAll() {
    area.selectAll();
  }

  public void setPromptText(String value) {
    prompt.setText(value);
  }

  public String getPromptText() {
    return prompt.getText();
  }

  /** What Enter does in a single line, as an {@link ActionEvent} fired at the field. */
  public void setOnAction(EventHandler<ActionEvent> handler) {
    setEventHandler(ActionEvent.ACTION, handler);
  }

  public void setEditable(boolean editable) {
    area.setEditable(editable);
  }

  public boolean isEditable() {
    return area.isEditable();
  }

  /** As tall as this many lines of text. */
  public void setPrefRowCount(int rows) {
    double line = 19;
    double height = rows * line + 10;
    setPrefHeight(height);
    setMinHeight(height);
  }

  /** About as wide as this many characters. */
  public void setPrefColumnCount(int columns) {
    setPrefWidth(columns * 8 + 14);
  }

  @Override
  public void requestFocus() {
    area.requestFocus();
  }

  /** Whether the text is being edited here (the area inside has the focus). */
  public boolean isEditing() {
    return area.isFocused();
  }

  /** The text of the document: its emoji as their characters, its paragraphs joined by line breaks. */
  private String plain() {
    StringBuilder out = new StringBuilder();
    var paragraphs = area.getParagraphs();
    for (int i = 0; i < paragraphs.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      for (Either<String, Glyph> segment : paragraphs.get(i).getSegments()) {
        out.append(segment.isLeft() ? segment.getLeft()
            : segment.getRight().emoji() == null ? "" : segment.getRight().emoji().text());
      }
    }
    return out.toString();
  }

  private int[] offsets() {
    int[] at = new int[area.getLength() + 1];
    int position = 0;
    int offset = 0;
    var paragraphs = area.getParagraphs();
    for (int i = 0; i < paragraphs.size(); i++) {
      if (i > 0) {
        at[position++] = offset++;
      }
      for (Either<String, Glyph> segment : paragraphs.get(i).getSegments()) {
        if (segment.isLeft()) {
          for (int k = 0; k < segment.getLeft().length(); k++) {
            at[position++] = offset++;
          }
        } else if (segment.getRight().emoji() != null) {
          at[position++] = offset;
          offset += segment.getRight().emoji().text().length();
        }
      }
    }
    at[position] = offset;
    return at;
  }

  private int toText(int position) {
    return offsets[Math.max(0, Math.min(position, offsets.length - 1))];
  }

  /** The first position at or after the offset of the text. */
  private int toModel(int offset) {
    int low = 0;
    int high = offsets.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (offsets[middle] < offset) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** Moves the focus to the next (or previous) node that takes it, in the order of the scene. */
  private void traverse(boolean forward) {
    if (getScene() == null) {
      return;
    }
    List<Node> order = new ArrayList<>();
    collect(getScene().getRoot(), order);
    int at = order.indexOf(area);
    if (order.size() > 1 && at >= 0) {
      order.get(Math.floorMod(at + (forward ? 1 : -1), order.size())).requestFocus();
    }
  }

  private static void collect(Node node, List<Node> into) {
    if (!node.isVisible() || node.isDisabled()) {
      return;
    }
    if (node.isFocusTraversable()) {
      into.add(node);
    }
    // a control that takes the focus is one stop, whatever it is made of
    if (node instanceof Parent parent && !(node instanceof javafx.scene.control.Control && node.isFocusTraversable())) {
      parent.getChildrenUnmodifiable().forEach(child -> collect(child, into));
    }
  }

  /** Each emoji the replacement holds as text becomes a drawn one; a single line keeps to one paragraph. */
  private StyledDocument<Void, Either<String, Glyph>, String> withEmoji(
      StyledDocument<Void, Either<String, Glyph>, String> replacement) {
    boolean plain = replacement.getParagraphs().size() == 1 || !singleLine;
    for (int i = 0; i < replacement.getParagraphs().size() && plain; i++) {
      for (Either<String, Glyph> segment : replacement.getParagraphs().get(i).getSegments()) {
        plain &= segment.isRight() || !mayHoldEmoji(segment.getLeft());
      }
    }
    if (plain) {
      return replacement;
    }
    ReadOnlyStyledDocumentBuilder<Void, Either<String, Glyph>, String> builder =
        new ReadOnlyStyledDocumentBuilder<>(OPS, null);
    List<StyledSegment<Either<String, Glyph>, String>> line = new ArrayList<>();
    for (int i = 0; i < replacement.getParagraphs().size(); i++) {
      if (i > 0 && singleLine) {
        line.add(new StyledSegment<>(Either.left(" "), ""));
      } else if (i > 0) {
        builder.addParagraph(nonEmpty(line));
        line = new ArrayList<>();
      }
      for (StyledSegment<Either<String, Glyph>, String> segment : replacement.getParagraphs().get(i).getStyledSegments()) {
        if (segment.getSegment().isRight()) {
          line.add(segment);
          continue;
        }
        for (EmojiIndex.Run run : EmojiIndex.bundled().split(segment.getSegment().getLeft())) {
          line.add(new StyledSegment<>(run.isEmoji() ? Either.right(new Glyph(run.emoji())) : Either.left(run.text()),
              segment.getStyle()));
        }
      }
    }
    builder.addParagraph(nonEmpty(line));
    return builder.build();
  }

  private static List<StyledSegment<Either<String, Glyph>, String>> nonEmpty(
      List<StyledSegment<Either<String, Glyph>, String>> line) {
    if (line.isEmpty()) {
      line.add(new StyledSegment<>(Either.left(""), ""));
    }
    return line;
  }

  /** Emoji and the symbols that may be drawn as one all lie at or above the copyright sign. */
  private static boolean mayHoldEmoji(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= '\u00a9') {
        return true;
      }
    }
    return false;
  }

  private javafx.scene.Node node(StyledSegment<Either<String, Glyph>, String> segment) {
    return segment.getSegment().unify(
        plain -> StyledTextArea.createStyledTextNode(plain, segment.getStyle(), (node, style) -> { }),
        glyph -> glyph.emoji() == null ? new Text("") : EmojiText.image(glyph.emoji(), emojiSize));
  }

  /** The document: every change of it passes through {@link #replace}, where emoji become drawn ones. */
  private final class Area extends GenericStyledArea<Void, Either<String, Glyph>, String> {

    Area() {
      super(null, (flow, style) -> { }, "", OPS, segment -> EmojiField.this.node(segment));
    }

    @Override
    public void replace(int start, int end, StyledDocument<Void, Either<String, Glyph>, String> replacement) {
      super.replace(start, end, withEmoji(replacement));
    }

    @Override
    public void replace(int start, int end, Either<String, Glyph> segment, String style) {
      replace(start, end, ReadOnlyStyledDocument.fromSegment(segment, null, style, OPS));
    }

    /** The selection as text, its emoji as their characters. */
    @Override
    public void copy() {
      var selection = getSelection();
      if (selection.getLength() > 0) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text.get().substring(toText(selection.getStart()), toText(selection.getEnd())));
        Clipboard.getSystemClipboard().setContent(content);
      }
    }

    @Override
    public void cut() {
      copy();
      replaceSelection("");
    }
  }
}
