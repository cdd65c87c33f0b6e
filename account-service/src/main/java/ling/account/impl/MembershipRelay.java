package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ling.account.impl.OutboxRepository.Entry;
import ling.api.chat.ChatService;
import ling.api.chat.MembershipChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the membership outbox to the chat service: at once after each commit that wrote to it,
 * and on a timer for whatever an earlier attempt (or a process that died) left behind. Changes of
 * one key go one after another in their order; a key whose change failed waits for the next pass,
 * with a back-off, while other keys go on. The chat service applies each change once, so a change
 * delivered twice (by this relay and another instance's) does no harm.
 */
final class MembershipRelay {

  /** What the account tables learn when a conversation opens; {@code late} if nobody waited for it. */
  interface Opened {
    Future<Void> opened(MembershipChange change, long conversationId, boolean late);
  }

  private static final Logger LOG = LoggerFactory.getLogger(MembershipRelay.class);
  private static final int BATCH = 200;
  /** A change refused this often is likely refused for good: worth an operator's look. */
  private static final int ATTEMPTS_TO_WARN = 20;

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final ChatService chat;
  private final long awaitMillis;
  private final long retryMaxMillis;
  private final long sweepMillis;
  private final Map<Long, Promise<Void>> waiting = new HashMap<>();
  private Opened opened = (change, id, late) -> Future.succeededFuture();
  private boolean passRunning;
  private boolean passAgain;
  private long backoffMillis;
  private long retryTimer = -1;
  private long sweepTimer = -1;
  /** Changes the last pass read and could not deliver, for the {@code ling_membership_undelivered} gauge. */
  private volatile int undelivered;

  MembershipRelay(Vertx vertx, OutboxRepository outbox, ChatService chat, JsonObject config) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.chat = chat;
    this.awaitMillis = config.getLong("awaitMillis");
    this.retryMaxMillis = config.getLong("retryMaxMillis");
    this.sweepMillis = config.getLong("sweepMillis");
  }

  void onOpened(Opened opened) {
    this.opened = opened;
  }

  int undelivered() {
    return undelivered;
  }

  void start() {
    sweepTimer = vertx.setPeriodic(sweepMillis, id -> kick());
    kick();
  }

  void stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(retryTimer);
  }

  /**
   * Completes once the change written as row {@code id} is applied, or after the configured wait:
   * the change is committed either way and will be applied, so the caller goes on; it only spares
   * the user a moment in which the chat service does not know yet.
   */
  Future<Void> settled(long id) {
    Promise<Void> promise = waiting.computeIfAbsent(id, x -> Promise.promise());
    long timer = vertx.setTimer(awaitMillis, t -> {
      if (waiting.remove(id) != null) {
        LOG.warn("membership change {} not applied within {} ms; it will be when the chat service answers", id, awaitMillis);
        promise.tryComplete();
      }
    });
    kick();
    return promise.future().andThen(x -> vertx.cancelTimer(timer));
  }

  private void kick() {
    if (passRunning) {
      passAgain = true;
      return;
    }
    passRunning = true;
    passAgain = false;
    outbox.pending(BATCH)
        .compose(this::deliverAll)
        .onComplete(done -> {
          passRunning = false;
          boolean failures = done.failed() || !done.result();
          if (failures) {
            scheduleRetry();
          } else {
            backoffMillis = 0;
          }
          if (passAgain && !failures) {
            kick();
          }
        });
  }

  /** Every key's changes in order, the keys side by side; true when nothing failed. */
  private Future<Boolean> deliverAll(List<Entry> entries) {
    Map<String, List<Entry>> byKey = new LinkedHashMap<>();
    for (Entry entry : entries) {
      byKey.computeIfAbsent(entry.change().orderKey(), k -> new ArrayList<>()).add(entry);
    }
    List<Future<Integer>> keys = new ArrayList<>();
    byKey.values().forEach(list -> keys.add(deliverInOrder(list, 0)));
    if (entries.size() == BATCH) {
      passAgain = true;
    }
    return Future.join(keys).map(all -> {
      int delivered = keys.stream().mapToInt(Future::result).sum();
      undelivered = entries.size() - delivered;
      return undelivered == 0;
    });
  }

  /** How many of the key's changes, from {@code index} on, were delivered before one failed. */
  private Future<Integer> deliverInOrder(List<Entry> entries, int index) {
    if (index == entries.size()) {
      return Future.succeededFuture(0);
    }
    Entry entry = entries.get(index);
    return chat.applyMembershipChange(entry.change())
        .compose(conversationId -> {
          boolean opens = MembershipChange.OPEN_GROUP.equals(entry.change().getKind())
              || MembershipChange.OPEN_DIRECT.equals(entry.change().getKind());
          Future<Void> learnt = opens
              ? opened.opened(entry.change(), conversationId, !waiting.containsKey(entry.id()))
              : Future.succeededFuture();
          return learnt.compose(x -> outbox.delivered(entry.id()));
        })
        .transform(done -> {
          if (done.succeeded()) {
            Promise<Void> waiter = waiting.remove(entry.id());
            if (waiter != null) {
              waiter.tryComplete();
            }
            return deliverInOrder(entries, index + 1).map(more -> more + 1);
          }
          if (entry.attempts() + 1 == ATTEMPTS_TO_WARN) {
            LOG.warn("membership change {} ({}) refused {} times, the changes of its group or pair after it wait: {}",
                entry.id(), entry.change(), ATTEMPTS_TO_WARN, done.cause().getMessage());
          } else {
            LOG.info("membership change {} ({}) not delivered yet: {}", entry.id(), entry.change(),
                done.cause().getMessage());
          }
          return outbox.failed(entry.id(), done.cause().getMessage()).transform(x -> Future.succeededFuture(0));
        });
  }

  private void scheduleRetry() {
    backoffMillis = Math.min(retryMaxMillis, backoffMillis == 0 ? 250 : backoffMillis * 2);
    vertx.cancelTimer(retryTimer);
    retryTimer = vertx.setTimer(backoffMillis, id -> kick());
  }
}
