package ling.client.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.Models.Message;
import ling.client.api.Wire;

/**
 * One open conversation: its lines in seq order, older pages on demand, gaps filled from the
 * server, and the user's own sends shown at once, then confirmed by their ack. A send that could
 * not leave is kept and sent again, with the same clientMsgId, when the socket is back.
 */
public final class ChatModel {

  static final int PAGE = 50;

  private final long conversationId;
  private final long myId;
  private final Gateway gateway;
  private final ling.client.api.FrameSender frames;
  private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
  private final BooleanProperty hasOlder = new SimpleBooleanProperty(true);
  private final StringProperty error = new SimpleStringProperty();
  /** Sends awaiting their ack, by clientMsgId. */
  private final Map<String, ObjectNode> unacked = new LinkedHashMap<>();
  private boolean catchingUp;
  private long noticeCount;
  private long readSent;
  private long typingSent;
  /** How far the peer of a direct chat has read (seen while signed in). */
  private final javafx.beans.property.LongProperty peerRead = new javafx.beans.property.SimpleLongProperty();
  /** Who is typing now (0 for nobody); cleared a few seconds after the last sign. */
  private final javafx.beans.property.LongProperty typing = new javafx.beans.property.SimpleLongProperty();
  private javafx.animation.PauseTransition typingTimeout;

  public ChatModel(long conversationId, long myId, Gateway gateway, ling.client.api.FrameSender frames) {
    this.conversationId = conversationId;
    this.myId = myId;
    this.gateway = gateway;
    this.frames = frames;
  }

  public long conversationId() {
    return conversationId;
  }

  public ObservableList<ChatLine> lines() {
    return lines;
  }

  public BooleanProperty hasOlderProperty() {
    return hasOlder;
  }

  public StringProperty errorProperty() {
    return error;
  }

  /** The newest page, in one change of the list (drawn once, at its end). */
  public void open() {
    Fx.whenDone(gateway.messagesBefore(conversationId, null, PAGE), page -> {
      prepend(page, oldestSeq() == null ? Long.MAX_VALUE : oldestSeq());
      hasOlder.set(page.size() == PAGE);
    }, err -> error.set(err.getMessage()));
  }

  /** The page before the oldest line shown; asked again while it is on its way, nothing more is fetched. */
  public void loadOlder() {
    Long oldest = oldestSeq();
    if (oldest == null || !hasOlder.get() || loadingOlder) {
      return;
    }
    loadingOlder = true;
    Fx.whenDone(gateway.messagesBefore(conversationId, oldest, PAGE), page -> {
      loadingOlder = false;
      prepend(page, oldest);
      hasOlder.set(page.size() == PAGE);
    }, err -> {
      loadingOlder = false;
      error.set(err.getMessage());
    });
  }

  private boolean loadingOlder;

  /**
   * A page from before every stored line goes in above them in one change of the list, however
   * long it is (a line at a time would move the whole list for each); anything else in it merges.
   */
  private void prepend(List<Message> page, long oldest) {
    List<ChatLine> older = new ArrayList<>();
    List<Message> rest = new ArrayList<>();
    for (Message message : page) {
      if (message.conversationId() == conversationId && message.seq() < oldest
          && (older.isEmpty() || older.get(older.size() - 1).message().seq() < message.seq())) {
        older.add(new ChatLine(message, ChatLine.Status.SENT));
      } else {
        rest.add(message);
      }
    }
    lines.addAll(0, older);
    merge(rest);
  }

  /** The oldest stored line's seq: stored lines are in seq order, from the top. */
  private Long oldestSeq() {
    for (ChatLine line : lines) {
      if (!line.local()) {
        return line.message().seq();
      }
    }
    return null;
  }

  /** A message event of this conversation; a gap before it is fetched. */
  public void received(Message message) {
    if (message.senderId() == typing.get()) {
      typing.set(0);
    }
    long last = lastSeq();
    merge(List.of(message));
    if (last > 0 && message.seq() > last + 1) {
      catchUp();
    }
  }

  /** After a reconnect: whatever arrived meanwhile, and the sends still waiting go again. */
  public void catchUp() {
    if (catchingUp) {
      return;
    }
    catchingUp = true;
    long after = lastSeq();
    Fx.whenDone(gateway.messagesAfter(conversationId, after, 200), page -> {
      catchingUp = false;
      merge(page);
      if (page.size() == 200) {
        catchUp();
      }
    }, err -> catchingUp = false);
    resendUnacked();
  }

  /** Sends text; the line shows at once as pending. */
  public void sendText(String text, Long replyToId) {
    sendText(text, replyToId, new Mentions.Named(List.of(), false));
  }

  /** Sends text that mentions members of the group (or everyone); the line shows at once as pending. */
  public void sendText(String text, Long replyToId, Mentions.Named named) {
    String clientMsgId = UUID.randomUUID().toString();
    ObjectNode frame = Wire.object().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversationId).put("kind", "text").put("text", text);
    if (replyToId != null) {
      frame.put("replyToId", replyToId);
    }
    if (!named.userIds().isEmpty()) {
      named.userIds().forEach(frame.putArray("mentions")::add);
    }
    if (named.everyone()) {
      frame.put("mentionAll", true);
    }
    Message draft = new Message(0, conversationId, Long.MAX_VALUE, myId, clientMsgId, "text", text, null,
        replyToId, null, null, null, false, named.userIds().isEmpty() ? null : named.userIds(),
        named.everyone() ? Boolean.TRUE : null);
    lines.add(new ChatLine(draft, ChatLine.Status.PENDING));
    unacked.put(clientMsgId, frame);
    frames.send(frame);
  }

  /** Sends an uploaded file as an image (when it is one) or a file message. */
  public void sendFile(ling.client.api.Models.FileRef file) {
    String clientMsgId = UUID.randomUUID().toString();
    String kind = file.isImage() ? "image" : file.isVideo() ? "video" : "file";
    ObjectNode frame = Wire.object().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversationId).put("kind", kind).put("fileId", file.fileId());
    Message draft = new Message(0, conversationId, Long.MAX_VALUE, myId, clientMsgId, kind, null, file, null, null,
        null, null, false);
    lines.add(new ChatLine(draft, ChatLine.Status.PENDING));
    unacked.put(clientMsgId, frame);
    frames.send(frame);
  }

  /** Sends another conversation's message on here: its text, or its file (which the server lets members send on). */
  public void forward(Message original) {
    String clientMsgId = UUID.randomUUID().toString();
    ObjectNode frame = Wire.object().put("type", "send").put("clientMsgId", clientMsgId)
        .put("conversationId", conversationId).put("kind", original.kind());
    if (original.text() != null) {
      frame.put("text", original.text());
    }
    if (original.file() != null) {
      frame.put("fileId", original.file().fileId());
    }
    Message draft = new Message(0, conversationId, Long.MAX_VALUE, myId, clientMsgId, original.kind(), original.text(),
        original.file(), null, null, null, null, false);
    lines.add(new ChatLine(draft, ChatLine.Status.PENDING));
    unacked.put(clientMsgId, frame);
    frames.send(frame);
  }

  /** Whether a message can be sent on: what a user wrote or sent, not a call's or the group's notice. */
  public static boolean forwardable(Message message) {
    return !message.recalled() && message.id() > 0 && switch (message.kind()) {
      case "text", "image", "file", "video", "voice" -> true;
      default -> false;
    };
  }

  /** The ack of one of this conversation's sends. */
  public void acked(String clientMsgId) {
    unacked.remove(clientMsgId);
  }

  /** A send the server refused: it stays, marked failed. */
  public void refused(String clientMsgId) {
    if (unacked.remove(clientMsgId) == null) {
      return;
    }
    replace(l -> l.pending() && clientMsgId.equals(l.message().clientMsgId()),
        l -> new ChatLine(l.message(), ChatLine.Status.FAILED));
  }

  /** Sends it again after a pause, with the same clientMsgId, unless it was answered meanwhile. */
  public void retryLater(String clientMsgId) {
    javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
    pause.setOnFinished(e -> {
      ObjectNode frame = unacked.get(clientMsgId);
      if (frame != null) {
        frames.send(frame);
      }
    });
    pause.play();
  }

  /**
   * An answer of {@code senderId} being written, in reply to {@code replyTo} (0: to no message): one
   * line at the end whose text is the whole answer so far.
   */
  public void streaming(long senderId, long replyTo, String text) {
    String key = "streaming-" + replyTo;
    if (replyTo > 0 && indexOf(l -> !l.local() && l.message().senderId() == senderId
        && Long.valueOf(replyTo).equals(l.message().replyToId())) >= 0) {
      return;
    }
    Message draft = new Message(0, conversationId, Long.MAX_VALUE, senderId, key, "text", text, null,
        replyTo > 0 ? replyTo : null, null, null, java.time.Instant.now().toString(), false);
    int at = indexOf(l -> l.status() == ChatLine.Status.STREAMING && key.equals(l.message().clientMsgId()));
    if (at >= 0) {
      lines.set(at, new ChatLine(draft, ChatLine.Status.STREAMING));
    } else {
      lines.add(new ChatLine(draft, ChatLine.Status.STREAMING));
    }
  }

  /**
   * Why no answer will come to {@code replyTo}: what was streamed goes, and a notice (its
   * {@code code}, with the server's {@code detail}) stays after that message, or at the end.
   */
  public void notice(long replyTo, String code, com.fasterxml.jackson.databind.JsonNode detail) {
    lines.removeIf(l -> l.status() == ChatLine.Status.STREAMING
        && ("streaming-" + replyTo).equals(l.message().clientMsgId()));
    int question = replyTo > 0 ? indexOf(l -> !l.local() && l.message().id() == replyTo) : -1;
    long seq = question >= 0 ? lines.get(question).message().seq() : lastSeq();
    Message notice = new Message(-(noticeCount + 1), conversationId, seq, 0, "notice-" + (++noticeCount), "notice",
        code, null, replyTo > 0 ? replyTo : null, null, detail, java.time.Instant.now().toString(), false);
    int at = question >= 0 ? question + 1 : indexOf(ChatLine::pending);
    while (question >= 0 && at < lines.size() && lines.get(at).status() == ChatLine.Status.NOTICE) {
      at++;
    }
    lines.add(at < 0 ? lines.size() : at, new ChatLine(notice, ChatLine.Status.NOTICE));
  }

  public boolean owns(String clientMsgId) {
    return unacked.containsKey(clientMsgId);
  }

  public void recalled(long messageId) {
    replace(l -> l.message().id() == messageId, l -> {
      Message m = l.message();
      return new ChatLine(new Message(m.id(), m.conversationId(), m.seq(), m.senderId(), m.clientMsgId(), m.kind(),
          null, null, m.replyToId(), null, null, m.createdAt(), true), l.status());
    });
  }

  /** Tells the server (and a direct peer) that everything shown has been read. */
  public void markRead() {
    long last = lastSeq();
    if (last > readSent) {
      readSent = last;
      frames.send(Wire.object().put("type", "read").put("conversationId", conversationId).put("seq", last));
    }
  }

  public javafx.beans.property.LongProperty peerReadProperty() {
    return peerRead;
  }

  public javafx.beans.property.LongProperty typingProperty() {
    return typing;
  }

  /** The peer read up to seq. */
  public void peerRead(long seq) {
    if (seq > peerRead.get()) {
      peerRead.set(seq);
    }
  }

  /** Someone else is typing here; the sign goes after a pause without news. */
  public void typing(long userId) {
    typing.set(userId);
    if (typingTimeout == null) {
      typingTimeout = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(4));
      typingTimeout.setOnFinished(e -> typing.set(0));
    }
    typingTimeout.playFromStart();
  }

  /** The user is typing: told to the others at most every two seconds. */
  public void userTyping() {
    long now = System.currentTimeMillis();
    if (now - typingSent >= 2_000) {
      typingSent = now;
      frames.send(Wire.object().put("type", "typing").put("conversationId", conversationId));
    }
  }

  /** Text messages of this conversation holding the words, newest first. */
  public java.util.concurrent.CompletableFuture<List<Message>> search(String query) {
    return gateway.searchMessages(conversationId, query);
  }

  public void recall(long messageId) {
    Fx.whenDone(gateway.recall(conversationId, messageId), x -> recalled(messageId), err -> error.set(err.getMessage()));
  }

  /** The newest stored line's seq: stored lines are in seq order, the local ones after or among them. */
  public long lastSeq() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).local()) {
        return lines.get(i).message().seq();
      }
    }
    return 0;
  }

  private void resendUnacked() {
    for (ObjectNode frame : new ArrayList<>(unacked.values())) {
      if (!frames.send(frame)) {
        return;
      }
    }
  }

  /** Adds stored messages in seq order, each once; a stored copy replaces its pending line. */
  private void merge(List<Message> messages) {
    for (Message message : messages) {
      if (message.conversationId() != conversationId) {
        continue;
      }
      int existing = indexOf(l -> !l.local() && l.message().id() == message.id());
      if (existing >= 0) {
        lines.set(existing, new ChatLine(message, ChatLine.Status.SENT));
        continue;
      }
      // the stored answer takes the place of the text that streamed for it
      lines.removeIf(l -> l.status() == ChatLine.Status.STREAMING && l.message().senderId() == message.senderId()
          && java.util.Objects.equals(l.message().replyToId(), message.replyToId()));
      int pending = indexOf(l -> l.pending() && message.clientMsgId() != null
          && message.senderId() == myId && message.clientMsgId().equals(l.message().clientMsgId()));
      if (pending >= 0) {
        lines.remove(pending);
        unacked.remove(message.clientMsgId());
      }
      int at = 0;
      while (at < lines.size() && !lines.get(at).pending() && lines.get(at).message().seq() <= message.seq()
          && (lines.get(at).message().seq() < message.seq() || lines.get(at).status() == ChatLine.Status.NOTICE)) {
        at++;
      }
      lines.add(at, new ChatLine(message, ChatLine.Status.SENT));
    }
  }

  private int indexOf(Predicate<ChatLine> test) {
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private void replace(Predicate<ChatLine> test, java.util.function.UnaryOperator<ChatLine> change) {
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        lines.set(i, change.apply(lines.get(i)));
      }
    }
  }
}
