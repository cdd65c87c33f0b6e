package ling.client.chat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import ling.client.ui.Fx;
import ling.client.api.FileTransfers;
import ling.client.api.Models.Conversation;
import ling.client.emoji.EmojiField;
import ling.client.emoji.EmojiText;
import ling.client.groups.GroupInfoController;
import ling.client.groups.GroupInfoView;
import ling.client.groups.GroupMembers;
import ling.client.i18n.Texts;
import ling.client.ui.Icons;

/** The open conversation: its header, its lines (older ones on demand) and the input. */
public final class ChatPane extends BorderPane {

  private final ChatModels models;
  private final Texts texts;
  private final ConversationTitles titles;
  private final javafx.scene.text.TextFlow title = new javafx.scene.text.TextFlow();
  private final ListView<ChatLine> messages = new ListView<>();
  private final EmojiField input = EmojiField.multiLine();
  private final Button loadOlder;
  private final HBox uploadRow = new HBox(6);
  private final Label uploadLabel = new Label();
  private final ProgressBar uploadProgress = new ProgressBar(0);
  private FileTransfers.Cancel uploading;
  private EmojiPicker picker;
  private final EmojiField search = EmojiField.singleLine();
  private final Label typingLabel = new Label();
  /** In the assistant's chat: how many questions are left, and when more come. */
  private final Label quota = new Label();
  private final HBox replyBar = new HBox(6);
  private final Label replyLabel = new Label();
  private ling.client.api.Models.Message replying;
  private final Button infoButton;
  private final Button voiceCall;
  private final Button videoCall;
  /** Whether Ctrl+Enter sends (else Enter does), as the settings say at the moment of the key. */
  private final java.util.function.BooleanSupplier ctrlEnterSends;
  /** What the user had typed in each conversation, kept while another is open. */
  private final Drafts drafts;
  private java.util.function.BiConsumer<Conversation, String> onCall = (c, m) -> { };
  private Conversation shown;
  /** What the user had read when this chat opened (-1: nothing unread): where the divider goes. */
  private long readBefore = -1;
  private final Button jump = new Button();
  /** Whom an "@" being typed in a group may name, above the input. */
  private final ListView<Mentions.Candidate> mentionList = new ListView<>();
  private final VideoCards videos;
  private Mentions.Typing mentionTyping;
  private GroupInfoController info;
  private GroupInfoView infoView;
  private ChatModel chat;
  /** The open chat's lines as the list measured them. */
  private final LineHeights heights = new LineHeights();
  /** New lines of the shown chat: scroll to them, and they are read if the window has focus. */
  private final ListChangeListener<ChatLine> linesChanged = change -> {
    if (isVisible() && getScene() != null && getScene().getWindow() != null && getScene().getWindow().isFocused()) {
      chat.markRead();
    }
    // to the end for what arrives there if the user was at the end or sent it (one reading further
    // up stays there); an older page coming in above keeps the user where they are
    boolean atEnd = false;
    boolean own = false;
    int grewAtEnd = 0;
    int above = 0;
    while (change.next()) {
      if (change.wasAdded() && change.getTo() == change.getList().size()) {
        atEnd = true;
        grewAtEnd += change.getAddedSize() - change.getRemovedSize();
        own |= change.getAddedSubList().stream().anyMatch(this::sentHere);
      }
      if (change.wasAdded() && !change.wasRemoved() && change.getFrom() == 0) {
        above += change.getAddedSize();
      }
    }
    if (atEnd && (own || wasAtEnd(messages.getItems().size() - grewAtEnd))) {
      scrollToEnd();
    } else if (above > 0) {
      keepPlace(above);
    }
  };

  private boolean sentHere(ChatLine line) {
    return line.local() || line.message().senderId() == models.me().id();
  }

  /**
   * Whether the last of the lines there were (before the change) was on screen. Not when the user
   * moved the list since it was last laid out: its cells still show where it was (a drag of the
   * thumb to the top leaves the cells of the end until the next frame).
   */
  private boolean wasAtEnd(int linesBefore) {
    if (linesBefore <= 0) {
      return true;
    }
    return userScrolledAt <= laidOutAt
        && (!(messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)
        || flow.getLastVisibleCell() == null || flow.getLastVisibleCell().getIndex() >= linesBefore - 1);
  }

  public ChatPane(ChatModels models, Texts texts, ConversationTitles titles,
                  java.util.function.BooleanSupplier ctrlEnterSends, Drafts drafts) {
    this.drafts = drafts;
    this.models = models;
    this.texts = texts;
    this.titles = titles;
    this.ctrlEnterSends = ctrlEnterSends;
    this.videos = new VideoCards(models.attachments(), texts);
    title.setId("chatTitle");
    infoButton = Icons.button("groupInfoButton", Icons.INFO, texts.get("chat.groupInfo"));
    infoButton.setOnAction(e -> toggleInfo());
    voiceCall = Icons.button("voiceCall", Icons.VOICE_CALL, texts.get("call.voice"));
    videoCall = Icons.button("videoCall", Icons.VIDEO_CALL, texts.get("call.video"));
    Region headerGap = new Region();
    HBox.setHgrow(headerGap, Priority.ALWAYS);
    search.setId("searchMessages");
    search.setPromptText(texts.get("chat.search"));
    search.setPrefWidth(180);
    search.setOnAction(e -> search());
    voiceCall.setOnAction(e -> call("audio"));
    videoCall.setOnAction(e -> call("video"));
    quota.setId("assistantQuota");
    quota.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    quota.getStyleClass().add("muted-text");
    quota.managedProperty().bind(quota.visibleProperty());
    quota.setVisible(false);
    models.assistant().statusProperty().addListener((obs, was, now) -> showQuota());
    HBox header = new HBox(8, title, quota, headerGap, search, infoButton);
    header.setAlignment(Pos.CENTER_LEFT);
    typingLabel.setId("typingIndicator");
    typingLabel.getStyleClass().add("muted-text");
    header.getStyleClass().add("chat-header");
    loadOlder = new Button(texts.get("chat.older"));
    loadOlder.setId("loadOlder");
    loadOlder.setOnAction(e -> {
      if (chat != null) {
        chat.loadOlder();
      }
    });
    jump.setId("jumpToUnread");
    jump.getStyleClass().add("jump-to-unread");
    jump.managedProperty().bind(jump.visibleProperty());
    jump.setVisible(false);
    jump.setOnAction(e -> jumpToFirstUnread());
    HBox olderRow = new HBox(8, loadOlder, jump);
    olderRow.setAlignment(Pos.CENTER);
    setTop(new VBox(header, olderRow));
    replyLabel.getStyleClass().add("quote");
    Button cancelReply = new Button("✕");
    cancelReply.setId("cancelReply");
    cancelReply.setOnAction(e -> replyTo(null));
    replyBar.getChildren().setAll(replyLabel, cancelReply);
    replyBar.setId("replyBar");
    replyBar.setAlignment(Pos.CENTER_LEFT);
    replyBar.managedProperty().bind(replyBar.visibleProperty());
    replyBar.setVisible(false);

    messages.setId("messages");
    messages.setPlaceholder(ling.client.ui.Placeholders.of(texts.get("chat.empty")));
    messages.getStyleClass().add("messages");
    messages.setCellFactory(list -> new MessageCell(models.me().id(), texts, this::nameOf,
        m -> chat.recall(m.id()), titles, models.attachments(), this::replyTo,
        () -> chat == null || shown == null || shown.isGroup() ? 0 : chat.peerReadProperty().get(), this::quoted,
        this::avatarOf, () -> readBefore, this::forward, videos, heights));
    setCenter(messages);
    // the wheel, the scroll bar, the keys: the user moves through the lines
    sceneProperty().addListener((obs, was, now) -> {
      if (was != null) {
        was.removePostLayoutPulseListener(afterLayout);
      }
      if (now != null) {
        now.addPostLayoutPulseListener(afterLayout);
      }
    });
    messages.addEventFilter(javafx.scene.input.ScrollEvent.ANY, e -> {
      userScrolledAt = System.nanoTime();
      // up against the top already (the list does not move): the page before is wanted all the same
      if (e.getDeltaY() > 0 && chat != null && messages.lookup(".virtual-flow")
          instanceof javafx.scene.control.skin.VirtualFlow<?> flow && flow.getPosition() <= 0.0) {
        chat.loadOlder();
      }
    });
    messages.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, e -> userScrolledAt = System.nanoTime());
    messages.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> userScrolledAt = System.nanoTime());
    // scrolled to the top: the page before comes in
    messages.skinProperty().addListener((obs, was, skin) -> {
      if (messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
        flow.positionProperty().addListener((o, before, position) -> {
          // only the user's scrolling: the list also moves as it measures its lines or goes to its end
          if (chat == null || !chat.hasOlderProperty().get() || position.doubleValue() >= before.doubleValue()
              || System.nanoTime() - userScrolledAt > USER_SCROLL_NANOS) {
            return;
          }
          // the list putting the held line back after a page came, not the user
          if (heldLine != null && userScrolledAt < holdStartedAt) {
            return;
          }
          // going up: the page before is fetched while a few screens are still above
          var first = flow.getFirstVisibleCell();
          if (position.doubleValue() <= 0.0 || first != null && first.getIndex() < FETCH_AHEAD_LINES) {
            chat.loadOlder();
          }
        });
      }
    });

    input.setId("input");
    input.setPromptText(texts.get("chat.inputPrompt"));
    input.setPrefRowCount(3);
    input.textProperty().addListener((obs, was, now) -> {
      if (chat != null && !now.isEmpty() && now.length() > was.length()) {
        chat.userTyping();
      }
      refreshMentions();
    });
    input.caretPositionProperty().addListener((obs, was, now) -> refreshMentions());
    mentionList.setId("mentionSuggestions");
    mentionList.getStyleClass().add("mention-suggestions");
    mentionList.setFocusTraversable(false);
    mentionList.managedProperty().bind(mentionList.visibleProperty());
    mentionList.setVisible(false);
    mentionList.setCellFactory(list -> new MentionCell(texts, models.attachments()));
    mentionList.setOnMouseClicked(e -> chooseMention());
    // a filter, ahead of the text area's own handling, which would add a line break of its own
    input.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
      if (mentionList.isVisible() && mentionKey(e.getCode())) {
        e.consume();
        return;
      }
      if (e.getCode() == KeyCode.V && (e.isShortcutDown() || e.isControlDown()) && pasteAttachment()) {
        e.consume();
        return;
      }
      if (e.getCode() == KeyCode.ENTER) {
        e.consume();
        boolean sends = ctrlEnterSends.getAsBoolean() ? e.isShortcutDown() || e.isControlDown()
            : !e.isShiftDown() && !e.isShortcutDown() && !e.isControlDown();
        if (sends) {
          send();
        } else {
          input.insertText(input.getCaretPosition(), "\n");
        }
      }
    });
    Button emoji = Icons.button("emojiButton", Icons.EMOJI, texts.get("chat.emoji"));
    emoji.setOnAction(e -> {
      if (picker == null) {
        picker = new EmojiPicker(text -> {
          input.insertText(input.getCaretPosition(), text);
          input.requestFocus();
        });
      }
      picker.showBelow(emoji);
    });
    Button attach = Icons.button("attachButton", Icons.FILE, texts.get("chat.attach"));
    attach.setOnAction(e -> choose(null));
    Button image = Icons.button("imageButton", Icons.IMAGE, texts.get("chat.sendImage"));
    image.setOnAction(e -> choose(new FileChooser.ExtensionFilter(texts.get("chat.images"),
        "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp", "*.webp", "*.PNG", "*.JPG", "*.JPEG", "*.GIF")));
    Button history = Icons.button("historyButton", Icons.HISTORY, texts.get("chat.older"));
    history.setOnAction(e -> {
      if (chat != null) {
        chat.loadOlder();
        followEndUntil = 0;
        heldLine = null;
        messages.scrollTo(0);
      }
    });
    Button find = Icons.button("searchButton", Icons.SEARCH, texts.get("chat.search"));
    find.setOnAction(e -> {
      if (search.getText().isBlank()) {
        search.requestFocus();
      } else {
        search();
      }
    });
    // files dropped on the conversation are sent like chosen ones
    setOnDragOver(e -> {
      if (chat != null && e.getDragboard().hasFiles()) {
        e.acceptTransferModes(TransferMode.COPY);
      }
      e.consume();
    });
    setOnDragDropped(e -> {
      boolean taken = chat != null && e.getDragboard().hasFiles();
      if (taken) {
        sendFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
      }
      e.setDropCompleted(taken);
      e.consume();
    });
    uploadProgress.setId("uploadProgress");
    uploadProgress.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(uploadProgress, Priority.ALWAYS);
    Button cancelUpload = new Button(texts.get("chat.cancel"));
    cancelUpload.setId("cancelUpload");
    cancelUpload.setOnAction(e -> {
      if (uploading != null) {
        uploading.cancel();
      }
    });
    uploadRow.getChildren().setAll(uploadLabel, uploadProgress, cancelUpload);
    uploadRow.setVisible(false);
    uploadRow.setManaged(false);
    Button send = new Button(texts.get("chat.send"));
    send.setId("send");
    send.getStyleClass().add("primary-button");
    // which key sends, as the settings say when the pointer comes
    send.setTooltip(new javafx.scene.control.Tooltip());
    send.getTooltip().setOnShowing(e -> send.getTooltip().setText(texts.get(
        ctrlEnterSends.getAsBoolean() ? "chat.sendHint.ctrlEnter" : "chat.sendHint.enter")));
    send.setOnAction(e -> send());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox tools = new HBox(2, emoji, image, attach, voiceCall, videoCall, history, find, gap, send);
    tools.setAlignment(Pos.CENTER_LEFT);
    tools.getStyleClass().add("chat-toolbar");
    VBox bottom = new VBox(4, typingLabel, replyBar, uploadRow, tools, mentionList, input);
    bottom.getStyleClass().add("input-area");
    setBottom(bottom);
    setVisible(false);
  }

  /** Shows a conversation, newest lines at the bottom, and marks it read. */
  public void show(Conversation conversation) {
    setVisible(true);
    title.getChildren().setAll(EmojiText.flow(titles.title(conversation), 18, "chat-title").getChildren());
    boolean switched = shown == null || shown.id() != conversation.id();
    shown = conversation;
    infoButton.setVisible(conversation.isGroup() && conversation.group() != null);
    boolean assistant = conversation.id() == models.assistant().conversationId();
    voiceCall.setVisible(!assistant);
    voiceCall.getTooltip().setText(texts.get(conversation.isGroup() ? "call.groupVoice" : "call.voice"));
    voiceCall.setManaged(voiceCall.isVisible());
    videoCall.setVisible(!assistant);
    videoCall.setManaged(videoCall.isVisible());
    showQuota();
    videoCall.getTooltip().setText(texts.get(conversation.isGroup() ? "call.group" : "call.video"));
    if (switched || !infoButton.isVisible()) {
      setRight(null);
    }
    if (chat != null && chat.conversationId() == conversation.id()) {
      return;
    }
    if (chat != null) {
      chat.lines().removeListener(linesChanged);
      videos.clear();
      // what was being written stays with its conversation
      drafts.keep(chat.conversationId(), input.getText());
    }
    chat = models.chat(conversation.id());
    heights.clear();
    // what the user scrolled was the other chat: this one goes to its end without fetching
    userScrolledAt = 0;
    heldLine = null;
    // where unread began, before this opening marks it read; far back, a button takes the user there
    readBefore = conversation.unreadCount() > 0 ? conversation.readSeq() : -1;
    jump.setText(texts.get("chat.jumpToUnread", conversation.unreadCount()));
    jump.setVisible(conversation.unreadCount() > JUMP_FROM);
    input.setText(drafts.of(conversation.id()));
    input.end();
    messages.setItems(chat.lines());
    loadOlder.visibleProperty().bind(chat.hasOlderProperty());
    loadOlder.managedProperty().bind(chat.hasOlderProperty());
    chat.lines().addListener(linesChanged);
    ChatModel current = chat;
    typingLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> current.typingProperty().get() == 0 ? "" : texts.get("chat.typing", nameOf(current.typingProperty().get())),
        current.typingProperty()));
    current.peerReadProperty().addListener((obs, was, now) -> {
      if (chat == current) {
        messages.refresh();
      }
    });
    replyTo(null);
    scrollToEnd();
    chat.markRead();
    // not while the list that asked for this is still telling of a change
    long readUpTo = Math.max(conversation.lastSeq(), chat.lastSeq());
    javafx.application.Platform.runLater(() -> models.conversations().read(conversation.id(), readUpTo));
    input.requestFocus();
  }

  public ChatModel chat() {
    return chat;
  }

  /** How recent the user's own scrolling must be for a move of the list to be theirs. */
  private static final long USER_SCROLL_NANOS = 1_000_000_000L;
  private long userScrolledAt;

  /** Scrolling up, the page before is fetched once the top line is fewer than this many from the first. */
  private static final int FETCH_AHEAD_LINES = 30;

  /** From this many unread on, they likely begin above the screen: a button goes to the first. */
  private static final int JUMP_FROM = 10;

  /**
   * Lines came in above the top one on screen: it stays where it was, rather than the list
   * showing the new ones; held there for a moment, as the list measures the lines it gained and
   * may move.
   */
  private void keepPlace(int above) {
    if (!(messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
      return;
    }
    // the line on top before the change, by its index then (cells made for an earlier chat hear of
    // the change first and may already show what is at that index now); when the user moved to the
    // top since the list was last laid out (the thumb dragged there), the cells still show where it
    // was, and the line the user is at is the first there was
    int top;
    double offset;
    if (userScrolledAt > laidOutAt && flow.getPosition() <= 0.0) {
      top = 0;
      offset = 0;
    } else if (flow.getFirstVisibleCell() instanceof javafx.scene.control.ListCell<?> first && first.getIndex() >= 0) {
      top = first.getIndex();
      offset = first.getLayoutY();
    } else {
      return;
    }
    if (top + above < messages.getItems().size()) {
      heldLine = messages.getItems().get(top + above);
      heldOffset = offset;
      holdStartedAt = System.nanoTime();
      // laid out now, with the new count (the list would otherwise keep the index on top at its
      // next layout, which is a line of the new page), then back to the line
      messages.layout();
      placeHeldLine(flow);
    }
  }

  /** The line kept on top after lines came in above it, and how far its top is from the list's. */
  private ChatLine heldLine;
  private double heldOffset;
  private long holdStartedAt;
  private static final long HOLD_PLACE_NANOS = 1_000_000_000L;

  private void placeHeldLine(javafx.scene.control.skin.VirtualFlow<?> flow) {
    int at = messages.getItems().indexOf(heldLine);
    if (at >= 0) {
      followEndUntil = 0;
      flow.scrollToTop(at);
      // laid out at once, so that the line is put where it was in this frame (the list places it
      // by the heights it estimates for the lines above, which it goes on measuring)
      flow.layout();
      javafx.scene.control.IndexedCell<?> cell = flow.getVisibleCell(at);
      flow.scrollPixels((cell == null ? 0 : cell.getLayoutY()) - heldOffset);
    }
  }

  /** When the list was last laid out (nanoTime): its cells show the user's moves from then on. */
  private long laidOutAt;

  /** After each layout: the end followed or the held place kept, as either asks. */
  private final Runnable afterLayout = () -> {
    laidOutAt = System.nanoTime();
    followEnd();
    holdPlace();
  };

  /** After each layout while a place is held: the held line back on top if the list moved it. */
  private void holdPlace() {
    if (heldLine == null) {
      return;
    }
    if (System.nanoTime() - holdStartedAt > HOLD_PLACE_NANOS || userScrolledAt > holdStartedAt
        || !(messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
      heldLine = null;
      return;
    }
    if (!(flow.getFirstVisibleCell() instanceof javafx.scene.control.ListCell<?> first && first.getItem() == heldLine
        && Math.abs(first.getLayoutY() - heldOffset) < 1)) {
      placeHeldLine(flow);
    }
  }

  /** Scrolls to where unread begins, fetching older pages until it is loaded. */
  private void jumpToFirstUnread() {
    ChatModel target = chat;
    long read = readBefore;
    if (target == null || read < 0) {
      return;
    }
    followEndUntil = 0;
    List<ChatLine> lines = target.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).local() && lines.get(i).message().seq() > read) {
        boolean loaded = lines.get(i).message().seq() == read + 1 || i > 0 || !target.hasOlderProperty().get();
        if (loaded) {
          followEndUntil = 0;
          heldLine = null;
          messages.scrollTo(i);
          jump.setVisible(false);
          return;
        }
        break;
      }
    }
    if (!target.hasOlderProperty().get()) {
      jump.setVisible(false);
      return;
    }
    target.lines().addListener(new ListChangeListener<ChatLine>() {
      @Override
      public void onChanged(Change<? extends ChatLine> change) {
        target.lines().removeListener(this);
        if (chat == target) {
          javafx.application.Platform.runLater(ChatPane.this::jumpToFirstUnread);
        }
      }
    });
    target.loadOlder();
  }

  private void showQuota() {
    var status = models.assistant().statusProperty().get();
    boolean here = status != null && shown != null && shown.id() == status.conversationId();
    quota.setVisible(here);
    if (here) {
      quota.setText(status.remaining() > 0 || status.resetsAt() == null
          ? texts.get("assistant.quota", status.remaining(), status.questionsPerWindow())
          : texts.get("assistant.quotaUsedUp", ling.client.ui.Times.dayAndClock(status.resetsAt(), texts.locale())));
    }
  }

  /**
   * A picture or files on the clipboard go to the conversation, after a look at them; true when
   * there was one (text is pasted into the field as always).
   */
  private boolean pasteAttachment() {
    javafx.scene.input.Clipboard clipboard = javafx.scene.input.Clipboard.getSystemClipboard();
    if (chat == null) {
      return false;
    }
    if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
      List<java.nio.file.Path> files = clipboard.getFiles().stream().map(File::toPath).toList();
      PastePreview.ask(getScene().getWindow(), texts, files, null, this::sendFiles);
      return true;
    }
    if (clipboard.hasImage() && clipboard.getImage() != null) {
      javafx.scene.image.Image picture = clipboard.getImage();
      try {
        // as a PNG file, so that it goes up like a chosen one
        java.nio.file.Path file = java.nio.file.Files.createTempFile("pasted-", ".png");
        file.toFile().deleteOnExit();
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(picture, null), "png", file.toFile());
        PastePreview.ask(getScene().getWindow(), texts, List.of(file), picture, this::sendFiles);
      } catch (java.io.IOException err) {
        chat.errorProperty().set(texts.failure(err));
      }
      return true;
    }
    return false;
  }

  /** Files chosen in the system's dialog (only images with a filter), sent one after the other. */
  private void choose(FileChooser.ExtensionFilter only) {
    FileChooser chooser = new FileChooser();
    if (only != null) {
      chooser.getExtensionFilters().add(only);
    }
    List<File> chosen = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (chosen != null) {
      sendFiles(chosen.stream().map(File::toPath).toList());
    }
  }

  /**
   * Uploads files one after the other, with the progress shown and a cancel, and sends each as
   * an image or a file message of the conversation open when it was chosen.
   */
  public void sendFiles(List<Path> files) {
    if (chat == null || files.isEmpty()) {
      return;
    }
    ChatModel target = chat;
    Path file = files.get(0);
    uploading = new FileTransfers.Cancel();
    FileTransfers.Cancel cancel = uploading;
    uploadLabel.setText(file.getFileName().toString());
    uploadProgress.setProgress(0);
    uploadRow.setVisible(true);
    uploadRow.setManaged(true);
    Fx.whenDone(models.files().upload(file, null, p -> Fx.later(() -> uploadProgress.setProgress(p)), cancel),
        uploaded -> {
          models.attachments().sentFrom(uploaded.fileId(), file);
          target.sendFile(uploaded);
          next(files, target);
        }, err -> {
          if (!(err instanceof FileTransfers.Cancelled)) {
            target.errorProperty().set(texts.failure(err));
          }
          next(files, target);
        });
  }

  private void next(List<Path> files, ChatModel target) {
    uploading = null;
    uploadRow.setVisible(false);
    uploadRow.setManaged(false);
    if (files.size() > 1 && chat == target) {
      sendFiles(files.subList(1, files.size()));
    }
  }

  private void send() {
    String text = input.getText();
    if (chat == null || text.isBlank()) {
      return;
    }
    Mentions mentions = mentions();
    chat.sendText(text.strip(), replying == null ? null : replying.id(),
        mentions == null ? new Mentions.Named(List.of(), false) : mentions.named(text.strip()));
    input.clear();
    replyTo(null);
  }

  /** Who may be mentioned in the shown conversation: null outside a group. */
  private Mentions mentions() {
    if (shown == null || !shown.isGroup() || shown.group() == null) {
      return null;
    }
    long groupId = shown.group().id();
    var me = models.groupMembers().member(groupId, models.me().id());
    boolean mayMentionAll = me != null && ("owner".equals(me.role()) || "admin".equals(me.role()));
    return new Mentions(models.groupMembers().of(groupId), models.me().id(), mayMentionAll,
        texts.get("chat.mentionEveryone"));
  }

  /** Shows whom the "@" being typed may name, or hides the list when none is being typed. */
  private void refreshMentions() {
    Mentions mentions = mentions();
    mentionTyping = mentions == null ? null : Mentions.typing(input.getText(), input.getCaretPosition());
    List<Mentions.Candidate> found = mentionTyping == null ? List.of() : mentions.candidates(mentionTyping.query(), 8);
    mentionList.getItems().setAll(found);
    mentionList.setVisible(!found.isEmpty());
    if (!found.isEmpty()) {
      mentionList.getSelectionModel().select(0);
      mentionList.scrollTo(0);
      mentionList.setPrefHeight(Math.min(found.size(), 5) * MentionCell.HEIGHT + 4);
    }
  }

  /** Up and down pick, Enter or Tab takes, Esc closes: true when the key was the list's. */
  private boolean mentionKey(KeyCode code) {
    var selection = mentionList.getSelectionModel();
    switch (code) {
      case UP -> selection.select(Math.max(0, selection.getSelectedIndex() - 1));
      case DOWN -> selection.select(Math.min(mentionList.getItems().size() - 1, selection.getSelectedIndex() + 1));
      case ENTER, TAB -> chooseMention();
      case ESCAPE -> mentionList.setVisible(false);
      default -> {
        return false;
      }
    }
    mentionList.scrollTo(selection.getSelectedIndex());
    return true;
  }

  private void chooseMention() {
    Mentions.Candidate chosen = mentionList.getSelectionModel().getSelectedItem();
    if (chosen == null || mentionTyping == null) {
      return;
    }
    Mentions.Completed completed = Mentions.complete(input.getText(), mentionTyping, input.getCaretPosition(), chosen);
    input.setText(completed.text());
    input.positionCaret(completed.caret());
    mentionList.setVisible(false);
    input.requestFocus();
  }

  /** A conversation by its title, for the forward dialog's choice. */
  private record Target(Conversation conversation, String title) {
    @Override
    public String toString() {
      return title;
    }
  }

  /** Sends a message on to a conversation the user picks; that conversation then opens. */
  private void forward(ling.client.api.Models.Message message) {
    List<Target> targets = models.conversations().items().stream().filter(c -> !c.closed())
        .map(c -> new Target(c, titles.title(c))).toList();
    if (targets.isEmpty()) {
      return;
    }
    javafx.scene.control.ChoiceDialog<Target> dialog = new javafx.scene.control.ChoiceDialog<>(targets.get(0), targets);
    dialog.initOwner(getScene().getWindow());
    dialog.setTitle(texts.get("chat.forward"));
    dialog.setHeaderText(texts.get("chat.forwardTo"));
    dialog.getDialogPane().setId("forwardDialog");
    ling.client.ui.Themes.follow(dialog, getScene());
    dialog.resultProperty().addListener((obs, was, chosen) -> {
      if (chosen != null) {
        models.chat(chosen.conversation().id()).forward(message);
      }
    });
    dialog.show();
  }

  /** Quotes a message in the next send (null: no quote). */
  public void replyTo(ling.client.api.Models.Message message) {
    replying = message;
    replyBar.setVisible(message != null);
    if (message != null) {
      replyLabel.setText(texts.get("chat.replyingTo", nameOf(message.senderId()), titles.preview(message)));
      input.requestFocus();
    }
  }

  private ling.client.api.Models.Message quoted(long messageId) {
    return chat == null ? null : chat.lines().stream().map(ChatLine::message).filter(m -> m.id() == messageId)
        .findFirst().orElse(null);
  }

  /** Messages of this conversation with the words, newest first, in a list under the field. */
  private void search() {
    String query = search.getText().strip();
    if (chat == null || query.isEmpty()) {
      return;
    }
    Fx.whenDone(chat.search(query), found -> {
      ListView<String> results = new ListView<>();
      results.setId("searchResults");
      results.setPrefSize(360, 240);
      found.forEach(m -> results.getItems().add(ling.client.ui.Times.relative(m.createdAt(), texts.locale()) + "  "
          + nameOf(m.senderId()) + ": " + titles.preview(m)));
      if (found.isEmpty()) {
        results.getItems().add(texts.get("chat.noResults"));
      }
      javafx.stage.Popup popup = new javafx.stage.Popup();
      popup.setAutoHide(true);
      popup.getContent().add(results);
      var bounds = search.localToScreen(search.getBoundsInLocal());
      popup.show(search, bounds.getMinX() - 180, bounds.getMaxY());
    }, err -> chat.errorProperty().set(texts.failure(err)));
  }

  /**
   * Until when (nanoTime) the list keeps to its end after lines came there: cells that settle to
   * their height later (a picture, a video card) must not leave the newest line half below.
   * The user's own scrolling ends it.
   */
  private long followEndUntil;
  private static final long FOLLOW_END_NANOS = 1_500_000_000L;
  private void followEnd() {
    if (followEndUntil != 0 && System.nanoTime() < followEndUntil && userScrolledAt < followEndUntil - FOLLOW_END_NANOS
        && messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
        && flow.getPosition() < 1.0) {
      flow.scrollPixels(1_000_000);
    }
  }

  private void scrollToEnd() {
    if (!messages.getItems().isEmpty()) {
      followEndUntil = System.nanoTime() + FOLLOW_END_NANOS;
      heldLine = null;
      messages.scrollTo(messages.getItems().size() - 1);
      // to the very bottom once the new cells have their height
      javafx.application.Platform.runLater(() -> {
        if (messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
          flow.scrollPixels(1_000_000);
        }
      });
    }
  }

  /** The title shown (emoji as their characters). */
  public String titleText() {
    return EmojiText.textOf(title);
  }

  /** Where the call buttons of a direct chat go. */
  public void onCall(java.util.function.BiConsumer<Conversation, String> listener) {
    this.onCall = listener;
  }

  private void call(String media) {
    if (shown != null) {
      onCall.accept(shown, media);
    }
  }

  /** The group information's controller, once it was opened. */
  public GroupInfoController groupInfo() {
    return info;
  }

  /** The group's information beside the chat, or not. */
  public void toggleInfo() {
    if (getRight() != null || shown == null || shown.group() == null) {
      setRight(null);
      return;
    }
    if (info == null) {
      infoView = new GroupInfoView(texts);
      info = new GroupInfoController(infoView, models.groups(), models.contacts()::friends, models.me().id(), texts);
    }
    info.show(shown.group());
    setRight(infoView);
  }

  /** A member's picture: the user's own, a friend's, or a group member's; null for none known. */
  private String avatarOf(long userId) {
    if (userId == models.me().id()) {
      return models.me().avatarUrl();
    }
    if (models.contacts().isAssistant(userId)) {
      return ling.client.ui.Avatar.ASSISTANT;
    }
    var friend = models.contacts().friend(userId);
    if (friend != null) {
      return friend.user().avatarUrl();
    }
    if (shown != null && shown.isGroup() && shown.group() != null) {
      var member = models.groupMembers().member(shown.group().id(), userId);
      return member == null ? null : member.user().avatarUrl();
    }
    return null;
  }

  private String nameOf(long userId) {
    if (shown != null && shown.isGroup() && shown.group() != null) {
      var member = models.groupMembers().member(shown.group().id(), userId);
      if (member != null) {
        return GroupMembers.shownName(member);
      }
    }
    if (userId == models.me().id()) {
      return models.me().name();
    }
    var friend = models.contacts().friend(userId);
    return friend != null ? friend.shownName() : "#" + userId;
  }
}
