package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The active members of recently busy conversations, so that fan-out does not read them for
 * every message. A membership change on any chat-service instance is published to all of them,
 * and each drops its copy; a read that raced such a change is not kept (every change bumps an
 * epoch, and a list is stored only if the epoch did not move while it was read). Entries also
 * expire, as a last guard.
 *
 * <p>Misses are read together: one read is in flight at a time, and the conversations missed
 * meanwhile go in the next one, so that a burst of first messages (new chats, a restarted
 * instance) costs a query or two instead of one per conversation queued behind the pool. Used
 * from the verticle's event loop only.
 */
final class MemberCache {

  static final String INVALIDATIONS = "chat.internal.members-changed";
  private static final long TTL_MILLIS = 60_000;
  private static final int MAX_ENTRIES = 50_000;
  /** Conversations in one read at most. */
  private static final int MAX_PER_READ = 256;
  private static final String FROM = "from";

  private record Entry(List<Long> members, long loadedAt) {
  }

  private final Vertx vertx;
  private final Function<List<Long>, Future<Map<Long, List<Long>>>> load;
  private final Map<Long, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  /** Missed, waiting for the next read. */
  private final Map<Long, Promise<List<Long>>> queued = new LinkedHashMap<>();
  /** Being read; a change drops a conversation from here, so that later callers read it again. */
  private final Map<Long, Future<List<Long>>> reading = new HashMap<>();
  private boolean readInFlight;
  /** Bumped by every change; one counter, so that it cannot grow with the conversations. */
  private long epoch;
  /** Names this instance's invalidations, which it has applied already when it publishes them. */
  private final String instance = UUID.randomUUID().toString();
  private MessageConsumer<Long> consumer;

  /** {@code load} answers the active members of each conversation asked for (none: absent). */
  MemberCache(Vertx vertx, Function<List<Long>, Future<Map<Long, List<Long>>>> load) {
    this.vertx = vertx;
    this.load = load;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(INVALIDATIONS, msg -> {
      if (!instance.equals(msg.headers().get(FROM))) {
        drop(msg.body());
      }
    });
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
    Future<List<Long>> beingRead = reading.get(conversationId);
    if (beingRead != null) {
      return beingRead;
    }
    Promise<List<Long>> waiting = queued.computeIfAbsent(conversationId, id -> Promise.promise());
    readQueued();
    return waiting.future();
  }

  /** The epoch to hand to {@link #changed(long, long, List)} for a change about to be made here. */
  long epoch() {
    return epoch;
  }

  /** After a membership change committed here: every instance forgets the conversation. */
  void changed(long conversationId) {
    drop(conversationId);
    vertx.eventBus().publish(INVALIDATIONS, conversationId, new DeliveryOptions().addHeader(FROM, instance));
  }

  /**
   * As {@link #changed(long)}, for a change that left exactly {@code members} active: this instance
   * keeps them, unless any other change came in since {@code epochBefore} (it may have been later).
   */
  void changed(long conversationId, long epochBefore, List<Long> members) {
    changed(conversationId);
    if (epoch == epochBefore + 1) {
      entries.put(conversationId, new Entry(List.copyOf(members), System.currentTimeMillis()));
    }
  }

  private void readQueued() {
    if (readInFlight || queued.isEmpty()) {
      return;
    }
    readInFlight = true;
    Map<Long, Promise<List<Long>>> batch = new LinkedHashMap<>();
    Iterator<Map.Entry<Long, Promise<List<Long>>>> next = queued.entrySet().iterator();
    while (next.hasNext() && batch.size() < MAX_PER_READ) {
      Map.Entry<Long, Promise<List<Long>>> miss = next.next();
      next.remove();
      batch.put(miss.getKey(), miss.getValue());
      reading.put(miss.getKey(), miss.getValue().future());
    }
    long readingEpoch = epoch;
    long loadedAt = System.currentTimeMillis();
    Future<Map<Long, List<Long>>> read;
    try {
      read = load.apply(List.copyOf(batch.keySet()));
    } catch (RuntimeException e) {
      read = Future.failedFuture(e);
    }
    read.onComplete(ar -> {
      readInFlight = false;
      batch.forEach((id, promise) -> {
        reading.remove(id, promise.future());
        if (ar.failed()) {
          promise.fail(ar.cause());
          return;
        }
        List<Long> members = List.copyOf(ar.result().getOrDefault(id, List.of()));
        if (epoch == readingEpoch) {
          entries.put(id, new Entry(members, loadedAt));
        }
        promise.complete(members);
      });
      readQueued();
    });
  }

  private void drop(long conversationId) {
    entries.remove(conversationId);
    reading.remove(conversationId);
    epoch++;
  }
}
