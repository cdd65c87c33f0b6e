package ling.client.chat;

import ling.client.files.Attachments;
import java.util.LinkedHashMap;
import java.util.Map;
import ling.client.api.Models.FileRef;
import ling.client.i18n.Texts;

/**
 * The video cards of the chat, by message: a cell drawn again (a read mark moved, the list was
 * refreshed) shows the same card, which keeps playing; the least recently shown beyond a few are
 * let go of, with their players.
 */
final class VideoCards {

  private static final int KEPT = 8;

  private final Attachments attachments;
  private final Texts texts;
  private final Map<Long, VideoCard> cards = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, VideoCard> eldest) {
      if (size() > KEPT) {
        eldest.getValue().dispose();
        return true;
      }
      return false;
    }
  };

  VideoCards(Attachments attachments, Texts texts) {
    this.attachments = attachments;
    this.texts = texts;
  }

  VideoCard of(long messageId, FileRef file) {
    return cards.computeIfAbsent(messageId, id -> new VideoCard(file, attachments, texts));
  }

  /** Every card goes, and its player with it. */
  void clear() {
    cards.values().forEach(VideoCard::dispose);
    cards.clear();
  }
}
