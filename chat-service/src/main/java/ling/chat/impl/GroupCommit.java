package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import ling.chat.impl.MessageStore.Stored;
import ling.chat.impl.MessageStore.Unit;

/**
 * Commits the sends of many sockets and conversations together. A unit is stored at once while
 * fewer than {@code maxInFlight} batches are being committed; the units that arrive meanwhile wait
 * and go together in the next batch: one round trip for all their statements and one commit. Light load
 * waits for nothing, heavy load gets big batches. Each unit still learns its outcome only
 * after the commit.
 *
 * <p>Used from the verticle's event loop only.
 */
final class GroupCommit {

  private record Pending(Unit unit, int size, Promise<List<Stored>> promise) {
  }

  private final MessageStore messages;
  private final OwnerRing owners;
  private final int maxInFlight;
  private final int maxMessages;
  private final int maxChars;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int inFlight;

  GroupCommit(MessageStore messages, OwnerRing owners, int maxInFlight, int maxMessages, int maxChars) {
    this.messages = messages;
    this.owners = owners;
    this.maxInFlight = maxInFlight;
    this.maxMessages = maxMessages;
    this.maxChars = maxChars;
  }

  /** The unit's messages as stored (new or stored before); none when the sender may not send there. */
  Future<List<Stored>> store(Unit unit) {
    int size = unit.sends().stream().mapToInt(s -> 64 + (s.getText() == null ? 0 : s.getText().length())).sum();
    Promise<List<Stored>> promise = Promise.promise();
    waiting.add(new Pending(unit, size, promise));
    drain();
    return promise.future();
  }

  private void drain() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      int messagesIn = 0;
      int charsIn = 0;
      // always at least one unit, however big; then as many as fit
      do {
        Pending next = waiting.poll();
        batch.add(next);
        messagesIn += next.unit().sends().size();
        charsIn += next.size();
      } while (!waiting.isEmpty() && messagesIn + waiting.peek().unit().sends().size() <= maxMessages
          && charsIn + waiting.peek().size() <= maxChars);
      inFlight++;
      commit(batch).onComplete(x -> {
        inFlight--;
        drain();
      });
    }
  }

  /**
   * Stores a batch under the ring as it is now: units of conversations this instance does not own
   * under it fail at once, the others are stored only if the ring has not moved on by the commit.
   */
  private Future<Void> commit(List<Pending> all) {
    OwnerRing.Snapshot owner = owners.snapshot();
    List<Pending> batch = new ArrayList<>();
    for (Pending pending : all) {
      if (owner.owns(pending.unit().conversationId())) {
        batch.add(pending);
      } else {
        pending.promise().fail(new MessageStore.OwnerChanged());
      }
    }
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return messages.storeGroup(batch.stream().map(Pending::unit).toList(), owner)
        .<Void>map(rows -> {
          List<List<Stored>> byUnit = new ArrayList<>();
          batch.forEach(p -> byUnit.add(new ArrayList<>()));
          rows.forEach(row -> byUnit.get(row.unit()).add(row));
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).promise().complete(byUnit.get(i));
          }
          return null;
        })
        .recover(err -> {
          if (err instanceof MessageStore.OwnerChanged) {
            // nothing was stored; the senders ask the new owner
            owners.refresh();
            batch.forEach(pending -> pending.promise().tryFail(err));
            return Future.succeededFuture();
          }
          // a unit that may not send, a resend, a deadlock: each unit again on its own, one after
          // another so that they do not collide again
          Future<Void> chain = Future.succeededFuture();
          for (Pending pending : batch) {
            chain = chain.eventually(() -> messages.storeUnit(pending.unit(), owner)
                .onComplete(ar -> {
                  if (ar.succeeded()) {
                    pending.promise().tryComplete(ar.result());
                  } else {
                    pending.promise().tryFail(ar.cause());
                  }
                }).mapEmpty());
          }
          return chain;
        });
  }
}
