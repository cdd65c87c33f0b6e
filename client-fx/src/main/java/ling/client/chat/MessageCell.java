package ling.client.chat;

import ling.client.files.Attachments;
import ling.client.emoji.EmojiText;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import ling.client.api.Models.FileRef;
import ling.client.api.Models.Message;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;
import ling.client.ui.Times;

/**
 * One chat line: a bubble with avatar, name and time, the user's own on the right; recalled and
 * system messages as a quiet centred line.
 */
final class MessageCell extends ListCell<ChatLine> {

  private final long myId;
  private final Texts texts;
  private final LongFunction<String> nameOf;
  private final Consumer<Message> recall;
  private final ConversationTitles titles;
  private final Attachments attachments;
  /** What the pane offers on a line: reply, the peer's read mark, the quoted message. */
  private final Consumer<Message> reply;
  private final java.util.function.LongSupplier peerRead;
  private final java.util.function.LongFunction<Message> quoted;
  private final LongFunction<String> avatarOf;
  /** The seq the user had read up to when the chat opened (-1: nothing was unread). */
  private final java.util.function.LongSupplier readBefore;
  private final Consumer<Message> forward;
  private final VideoCards videos;
  private final LineHeights heights;
  /** The measuring cell's line as measured before (-1: built and measured now). */
  private double knownHeight = -1;
  /** Whether a date, and the new-messages divider, stand above the line. */
  private boolean dated;
  private boolean divided;

  MessageCell(long myId, Texts texts, LongFunction<String> nameOf, Consumer<Message> recall,
              ConversationTitles titles, Attachments attachments, Consumer<Message> reply,
              java.util.function.LongSupplier peerRead, java.util.function.LongFunction<Message> quoted,
              LongFunction<String> avatarOf, java.util.function.LongSupplier readBefore,
              Consumer<Message> forward, VideoCards videos, LineHeights heights) {
    this.heights = heights;
    this.forward = forward;
    this.videos = videos;
    this.avatarOf = avatarOf;
    this.readBefore = readBefore;
    this.reply = reply;
    this.peerRead = peerRead;
    this.quoted = quoted;
    this.myId = myId;
    this.texts = texts;
    this.nameOf = nameOf;
    this.recall = recall;
    this.titles = titles;
    this.attachments = attachments;
  }

  @Override
  protected void updateItem(ChatLine line, boolean empty) {
    super.updateItem(line, empty);
    setText(null);
    setContextMenu(null);
    knownHeight = -1;
    if (empty || line == null) {
      setGraphic(null);
      return;
    }
    Message message = line.message();
    java.time.LocalDate day = ling.client.ui.Times.day(message.createdAt());
    java.time.LocalDate before = getIndex() > 0 && getIndex() - 1 < getListView().getItems().size()
        ? ling.client.ui.Times.day(getListView().getItems().get(getIndex() - 1).message().createdAt()) : null;
    dated = day != null && !day.equals(before);
    divided = firstUnread(line);
    if (!shown()) {
      knownHeight = heights.of(line, dated, divided);
      if (knownHeight >= 0) {
        setGraphic(null);
        return;
      }
    }
    javafx.scene.Node body = line(line, message);
    VBox stack = new VBox(6);
    if (dated) {
      // the first line of a day says which day
      Label date = new Label(day.equals(java.time.LocalDate.now()) ? texts.get("chat.today")
          : day.format(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
              .withLocale(texts.locale())));
      date.getStyleClass().add("date-separator");
      HBox centred = new HBox(date);
      centred.setAlignment(Pos.CENTER);
      stack.getChildren().add(centred);
    }
    if (divided) {
      Label divider = new Label(texts.get("chat.newMessages"));
      divider.getStyleClass().add("new-messages");
      divider.setId("newMessagesDivider");
      divider.setMaxWidth(Double.MAX_VALUE);
      stack.getChildren().add(divider);
    }
    if (stack.getChildren().isEmpty()) {
      setGraphic(body);
    } else {
      stack.getChildren().add(body);
      setGraphic(stack);
    }
  }

  /**
   * The measuring cell's height: as measured before when the line is known at this width, else
   * measured now and noted.
   */
  @Override
  protected double computePrefHeight(double width) {
    if (knownHeight >= 0) {
      // the list measures at another width now: this once the height from before, the rest anew
      heights.measuringAt(width);
      return knownHeight;
    }
    double height = super.computePrefHeight(width);
    if (width > 0 && !isEmpty() && getItem() != null && !shown()) {
      heights.measured(getItem(), width, dated, divided, height);
    }
    return height;
  }

  /**
   * Whether unread messages begin at this line: the first stored one from someone else after what
   * had been read (the user's own and the group's notices are not news).
   */
  private boolean firstUnread(ChatLine line) {
    long read = readBefore.getAsLong();
    if (read < 0 || !news(line, read)) {
      return false;
    }
    java.util.List<ChatLine> items = getListView().getItems();
    for (int i = getIndex() - 1; i >= 0 && i < items.size(); i--) {
      ChatLine before = items.get(i);
      if (!before.local() && before.message().seq() <= read) {
        return true;
      }
      if (news(before, read)) {
        return false;
      }
    }
    // nothing read is loaded above: unread begins here only if no older page lies between
    ChatLine top = items.isEmpty() ? line : items.get(0);
    return !top.local() && top.message().seq() <= read + 1;
  }

  private boolean news(ChatLine line, long read) {
    Message message = line.message();
    return !line.local() && message.seq() > read && message.senderId() != myId && !"system".equals(message.kind());
  }

  private javafx.scene.Node line(ChatLine line, Message message) {
    if (line.status() == ChatLine.Status.NOTICE) {
      Label notice = new Label(texts.assistantError(message.text(), message.system()));
      notice.getStyleClass().add("notice-line");
      notice.setWrapText(true);
      notice.setMaxWidth(440);
      notice.setId("notice-" + (message.replyToId() == null ? "0" : message.replyToId()));
      HBox centred = new HBox(notice);
      centred.setAlignment(Pos.CENTER);
      return centred;
    }
    if (message.recalled() || "system".equals(message.kind())) {
      Label quiet = new Label(message.recalled() ? nameOf.apply(message.senderId()) + " · " + texts.get("chat.recalled")
          : systemLine(message));
      quiet.getStyleClass().add(message.recalled() ? "recalled" : "system-line");
      quiet.setId("line-" + (message.id() == 0 ? message.clientMsgId() : Long.toString(message.id())));
      HBox centred = new HBox(quiet);
      centred.setAlignment(Pos.CENTER);
      return centred;
    }
    boolean own = message.senderId() == myId;
    VBox bubble = new VBox(4);
    Message quote = message.replyToId() == null ? null : quoted.apply(message.replyToId());
    if (message.replyToId() != null) {
      Label quoteLine = new Label(quote == null ? "…" : nameOf.apply(quote.senderId()) + ": "
          + (quote.recalled() ? texts.get("chat.recalled") : titles.preview(quote)));
      quoteLine.getStyleClass().add("quote");
      quoteLine.setMaxWidth(400);
      bubble.getChildren().add(quoteLine);
    }
    bubble.getChildren().add(content(message));
    bubble.getStyleClass().add("bubble");
    if (own) {
      bubble.getStyleClass().add("own");
    } else if (message.mentions(myId)) {
      bubble.getStyleClass().add("mentioned");
    }
    bubble.setId("bubble-" + (message.id() == 0 ? message.clientMsgId() : Long.toString(message.id())));
    if (line.status() == ChatLine.Status.STREAMING) {
      bubble.getStyleClass().add("streaming");
    }
    bubble.setMaxWidth(440);
    String state = switch (line.status()) {
      case PENDING -> texts.get("chat.sending");
      case FAILED -> texts.get("chat.failed");
      case STREAMING -> texts.get("assistant.writing");
      case NOTICE -> "";
      case SENT -> Times.clock(message.createdAt())
          + (own && message.seq() <= peerRead.getAsLong() ? "  ✓ " + texts.get("chat.read") : "");
    };
    Label meta = new Label(own ? state : nameOf.apply(message.senderId()) + "  " + state);
    meta.getStyleClass().add("message-meta");
    VBox column = new VBox(2, meta, bubble);
    column.setAlignment(own ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
    HBox row = own ? new HBox(8, column, Avatar.of(nameOf.apply(myId), avatarOf.apply(myId), attachments))
        : new HBox(8, Avatar.of(nameOf.apply(message.senderId()), avatarOf.apply(message.senderId()), attachments),
            column);
    row.setAlignment(own ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
    if (!line.pending()) {
      MenuItem replyItem = new MenuItem(texts.get("chat.reply"));
      replyItem.setOnAction(e -> reply.accept(message));
      ContextMenu menu = new ContextMenu(replyItem);
      if (ChatModel.forwardable(message)) {
        MenuItem forwardItem = new MenuItem(texts.get("chat.forward"));
        forwardItem.setId("forward-" + message.id());
        forwardItem.setOnAction(e -> forward.accept(message));
        menu.getItems().add(forwardItem);
      }
      if (message.text() != null && !message.text().isEmpty()) {
        MenuItem copyItem = new MenuItem(texts.get("chat.copy"));
        copyItem.setId("copy-" + message.id());
        copyItem.setOnAction(e -> {
          javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
          content.putString(message.text());
          javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        menu.getItems().add(copyItem);
      }
      if (own) {
        MenuItem recallItem = new MenuItem(texts.get("chat.recall"));
        recallItem.setOnAction(e -> recall.accept(message));
        menu.getItems().add(recallItem);
      }
      setContextMenu(menu);
    }
    return row;
  }

  /** A group change with who made it: "Lin created the group". */
  private String systemLine(Message message) {
    long actor = message.system() == null ? 0 : message.system().path("actorId").asLong(0);
    return actor == 0 ? titles.preview(message) : nameOf.apply(actor) + " " + titles.preview(message);
  }

  /**
   * Whether this cell is one the user sees, not the list's hidden cell that only measures lines
   * (it goes through thousands of them after a page comes in): that one needs no picture, whose
   * size is known from the message.
   */
  private boolean shown() {
    // the list keeps its measuring cell in a hidden group of its own; the others sit in a shown one
    // (whether the chat itself is on screen does not matter: its cells are kept)
    return getParent() == null || getParent().isVisible();
  }

  /** Text with emoji, an image's thumbnail, or a file's card. */
  private javafx.scene.Node content(Message message) {
    FileRef file = message.file();
    if (file != null && file.isImage() && file.thumbnailUrl() != null) {
      ImageView image = new ImageView();
      double width = Math.min(240, file.width());
      if (shown()) {
        image.imageProperty().bind(attachments.image(file.thumbnailUrl(), width));
      }
      image.setPreserveRatio(true);
      double height = file.height() == null || file.width() == 0 ? width : width * file.height() / file.width();
      image.setFitWidth(width);
      image.setFitHeight(height);
      image.setId("image-" + file.fileId());
      image.setOnMouseClicked(e -> attachments.open(file));
      image.setCursor(javafx.scene.Cursor.HAND);
      // the cell has its height before the thumbnail arrives, so scrolling to the end stays at the end
      javafx.scene.layout.StackPane frame = new javafx.scene.layout.StackPane(image);
      frame.setMinSize(width, height);
      frame.setPrefSize(width, height);
      return frame;
    }
    if (file != null && "video".equals(message.kind()) && file.isVideo()) {
      return videos.of(message.id() > 0 ? message.id() : -message.clientMsgId().hashCode(), file);
    }
    if (file != null) {
      Label name = new Label(file.name());
      name.getStyleClass().add("file-name");
      Label size = new Label(FileSizes.readable(file.size()));
      size.getStyleClass().add("muted-text");
      Button download = new Button(texts.get("chat.download"));
      download.setId("download-" + file.fileId());
      download.setOnAction(e -> attachments.download(file));
      ProgressBar progress = new ProgressBar();
      progress.setId("downloadProgress-" + file.fileId());
      progress.progressProperty().bind(attachments.progress(file.fileId()));
      progress.visibleProperty().bind(attachments.progress(file.fileId()).greaterThanOrEqualTo(0));
      progress.setMaxWidth(Double.MAX_VALUE);
      javafx.scene.Node kind = ling.client.ui.Icons.icon(FileSizes.icon(file.name(), file.mime()), 36);
      kind.getStyleClass().add("file-kind");
      kind.setId("fileKind-" + file.fileId());
      VBox card = new VBox(4, new HBox(10, kind, new VBox(2, name, size)), new HBox(8, download), progress);
      card.getStyleClass().add("file-card");
      card.setMinWidth(220);
      return card;
    }
    String body = "text".equals(message.kind()) ? message.text() : titles.preview(message);
    TextFlow text = EmojiText.flow(body, 20, "message-text", mentioned(message), "mention-text");
    text.setMaxWidth(420);
    return text;
  }

  /** The "@name" phrases of whom the message mentions, as the text may show them. */
  private List<String> mentioned(Message message) {
    List<String> phrases = new java.util.ArrayList<>();
    if (message.mentions() != null) {
      message.mentions().forEach(id -> phrases.add("@" + nameOf.apply(id)));
    }
    if (Boolean.TRUE.equals(message.mentionAll())) {
      phrases.add("@" + texts.get("chat.mentionEveryone"));
      phrases.add("@" + Mentions.ALL);
    }
    return phrases;
  }
}
