package ling.client.chat;

import java.util.Comparator;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.Message;

/**
 * The conversation list, kept live: a new message moves its conversation up with the new preview
 * and, unless it is the user's own or the conversation is open, one more unread. Pinned ones stay
 * on top; the rest go by recency.
 */
public final class ConversationsModel {

  static final Comparator<Conversation> ORDER = Comparator.comparing(Conversation::pinned).reversed()
      .thenComparing(c -> c.updatedAt() == null ? "" : c.updatedAt(), Comparator.reverseOrder());

  private final Gateway gateway;
  private final long myId;
  private final ObservableList<Conversation> items = FXCollections.observableArrayList();
  /** The conversation kept above all others, pinned or not (the assistant's; 0 for none). */
  private final LongProperty top = new SimpleLongProperty();
  /** The conversation on screen (0 for none): its messages are read as they come. */
  private final LongProperty open = new SimpleLongProperty();

  public ConversationsModel(Gateway gateway, long myId) {
    this.gateway = gateway;
    this.myId = myId;
    top.addListener((obs, was, now) -> replaceAll(List.copyOf(items)));
  }

  public LongProperty topProperty() {
    return top;
  }

  private Comparator<Conversation> order() {
    return Comparator.comparing((Conversation c) -> c.id() != top.get()).thenComparing(ORDER);
  }

  public ObservableList<Conversation> items() {
    return items;
  }

  public LongProperty openProperty() {
    return open;
  }

  public void reload() {
    reload(() -> { });
  }

  /** Fetches the list again, then runs {@code then}. */
  public void reload(Runnable then) {
    Fx.whenDone(gateway.conversations(), fresh -> {
      replaceAll(fresh);
      then.run();
    }, err -> System.getLogger("ling.client")
        .log(System.Logger.Level.WARNING, "conversations not loaded: " + err.getMessage()));
  }

  void replaceAll(List<Conversation> fresh) {
    items.setAll(fresh.stream().sorted(order()).toList());
  }

  public Conversation find(long id) {
    return items.stream().filter(c -> c.id() == id).findFirst().orElse(null);
  }

  /** A message of any conversation; false when the conversation is not listed yet (the caller reloads). */
  public boolean received(Message message) {
    Conversation known = find(message.conversationId());
    if (known == null) {
      return false;
    }
    boolean unread = message.senderId() != myId && open.get() != message.conversationId()
        && !"system".equals(message.kind());
    Conversation updated = new Conversation(known.id(), known.type(), known.peer(), known.group(), message,
        Math.max(known.lastSeq(), message.seq()), message.senderId() == myId ? message.seq() : known.readSeq(),
        known.unreadCount() + (unread ? 1 : 0), known.muted(), known.pinned(), known.closed(), message.createdAt(),
        message.senderId() == myId ? 0 : known.unreadMentions() + (unread && message.mentions(myId) ? 1 : 0));
    put(updated);
    return true;
  }

  /** Mutes or pins (a {@code flag} of the row) on the server; the row keeps its peer and group, which the answer lacks. */
  public void change(long conversationId, String flag, boolean value) {
    Fx.whenDone(gateway.updateConversation(conversationId, ling.client.api.Wire.object().put(flag, value)), updated -> {
      Conversation known = find(conversationId);
      if (known != null) {
        put(new Conversation(known.id(), known.type(), known.peer(), known.group(), known.lastMessage(),
            known.lastSeq(), known.readSeq(), known.unreadCount(), updated.muted(), updated.pinned(), known.closed(),
            known.updatedAt(), known.unreadMentions()));
      }
    }, err -> System.getLogger("ling.client").log(System.Logger.Level.WARNING,
        "conversation not changed: " + err.getMessage()));
  }

  /** The user read up to seq here (on any device). */
  public void read(long conversationId, long seq) {
    Conversation known = find(conversationId);
    if (known == null || seq < known.readSeq()) {
      return;
    }
    put(new Conversation(known.id(), known.type(), known.peer(), known.group(), known.lastMessage(), known.lastSeq(),
        seq, Math.max(0, known.lastSeq() - seq), known.muted(), known.pinned(), known.closed(), known.updatedAt(),
        // which of the rest mention the user is not known here: kept until all is read
        seq >= known.lastSeq() ? 0 : known.unreadMentions()));
  }

  public void put(Conversation conversation) {
    int current = -1;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).id() == conversation.id()) {
        current = i;
      }
    }
    Comparator<Conversation> order = order();
    if (current >= 0 && (current == 0 || order.compare(items.get(current - 1), conversation) <= 0)
        && (current == items.size() - 1 || order.compare(conversation, items.get(current + 1)) <= 0)) {
      // in place: a list view keeps its selection
      items.set(current, conversation);
      return;
    }
    items.removeIf(c -> c.id() == conversation.id());
    int at = 0;
    while (at < items.size() && order.compare(items.get(at), conversation) < 0) {
      at++;
    }
    items.add(at, conversation);
  }

}
