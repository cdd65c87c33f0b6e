package ling.client.chat;

import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/** What the user has typed and not sent, by conversation, while signed in. */
public final class Drafts {

  private final ObservableMap<Long, String> byConversation = FXCollections.observableHashMap();

  public String of(long conversationId) {
    return byConversation.getOrDefault(conversationId, "");
  }

  /** Keeps the text (an empty one is no draft). */
  public void keep(long conversationId, String text) {
    if (text == null || text.isBlank()) {
      byConversation.remove(conversationId);
    } else {
      byConversation.put(conversationId, text);
    }
  }

  public ObservableMap<Long, String> all() {
    return byConversation;
  }
}
