package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The active members of recently busy conversations, so that fan-out does not read them for
 * every message. A membership change on any chat-service instance is published to all of them,
 * and each drops its copy; a read that raced such a change is not kept (every change bumps an
 * epoch, and a list is stored only if the epoch did not move while it was read). Entries also
 * expire, as a last guard.
 */
final class MemberCache {

  static final String INVALIDATIONS = "chat.internal.members-changed";
  private static final long TTL_MILLIS = 60_000;
  private static final int MAX_ENTRIES = 50_000;

  private record Entry(List<Long> members, long loadedAt) {
  }

  private final Vertx vertx;
  private final Function<Long, Future<List<Long>>> load;
  private final Map<Long, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  /** Bumped by every change; one counter, so that it cannot grow with the conversations. */
  private long epoch;
  private MessageConsumer<Long> consumer;

  MemberCache(Vertx vertx, Function<Long, Future<List<Long>>> load) {
    this.vertx = vertx;
    this.load = load;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(INVALIDATIONS, msg -> drop(msg.body()));
    return consumer.completion();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  Future<List<Long>> members(long conversationId) {
    Entry entry = entries.get(conversationId);
    if (entry != null && System.currentTimeMillis() - entry.loadedAt() < TTL_MILLIS) {
      return Future.succeededFuture(entry.members());
    }
    long loadingEpoch = epoch;
    long loadedAt = System.currentTimeMillis();
    return load.apply(conversationId).map(members -> {
      if (epoch == loadingEpoch) {
        entries.put(conversationId, new Entry(List.copyOf(members), loadedAt));
      }
      return members;
    });
  }

  /** After a membership change committed here: every instance forgets the conversation. */
  void changed(long conversationId) {
    drop(conversationId);
    vertx.eventBus().publish(INVALIDATIONS, conversationId);
  }

  private void drop(long conversationId) {
    entries.remove(conversationId);
    epoch++;
  }
}
