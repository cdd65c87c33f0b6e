package ling.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import ling.api.chat.MembershipChange;
import ling.common.TestDatabase;
import ling.common.db.Database;
import ling.common.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who gets a conversation's events, read from the real database: together, and never stale after a change. */
@ExtendWith(VertxExtension.class)
class MemberCacheTest {

  private static final AtomicLong USERS = new AtomicLong(2_000_000);

  private Pool pool;
  private MessageRepository messages;
  private ConversationRepository conversations;
  private Context context;
  private final List<MemberCache> caches = new ArrayList<>();
  /** The conversations of each read the caches made, in order. */
  private final List<List<Long>> reads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open(Vertx vertx, VertxTestContext testContext) {
    pool = Database.pool(vertx, TestDatabase.connection(), "member-cache-test");
    messages = new MessageRepository(pool);
    conversations = new ConversationRepository(pool);
    context = vertx.getOrCreateContext();
    Migrations.migrate(vertx, pool, "chat", getClass().getClassLoader()).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext testContext) {
    List<Future<Void>> stops = new ArrayList<>();
    caches.forEach(cache -> stops.add(cache.stop()));
    Future.join(stops).eventually(() -> pool.close()).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aBurstOfMissesIsReadTogetherAndEachGetsItsOwnMembers(Vertx vertx, VertxTestContext testContext) {
    int pairs = 40;
    List<Long> users = new ArrayList<>();
    for (int i = 0; i < 2 * pairs + 3; i++) {
      users.add(USERS.incrementAndGet());
    }
    List<Future<Long>> opened = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      opened.add(openDirect(users.get(2 * i), users.get(2 * i + 1)));
    }
    List<Long> trio = users.subList(2 * pairs, 2 * pairs + 3);
    opened.add(openGroup(USERS.incrementAndGet(), trio));
    Future.all(opened).compose(all -> onContext(() -> {
      MemberCache cache = cache(vertx, messages::activeMembers);
      List<Future<List<Long>>> answers = new ArrayList<>();
      // every conversation twice in the same turn: the second ask shares the first one's read
      for (int round = 0; round < 2; round++) {
        for (Future<Long> id : opened) {
          answers.add(cache.members(id.result()));
        }
      }
      return Future.all(answers).map(done -> {
        testContext.verify(() -> {
          for (int round = 0; round < 2; round++) {
            for (int i = 0; i < pairs; i++) {
              assertEquals(new HashSet<>(List.of(users.get(2 * i), users.get(2 * i + 1))),
                  new HashSet<>(answers.get(round * opened.size() + i).result()), "pair " + i);
            }
            assertEquals(new HashSet<>(trio), new HashSet<>(answers.get(round * opened.size() + pairs).result()));
          }
          // the first miss is read at once, the others missed meanwhile together
          assertEquals(2, reads.size(), "reads: " + reads);
          assertEquals(opened.size(), reads.get(0).size() + reads.get(1).size());
        });
        return null;
      });
    })).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aChangeWhileAReadIsInFlightIsReadAgainNotServedFromThatRead(Vertx vertx, VertxTestContext testContext) {
    long a = USERS.incrementAndGet();
    long b = USERS.incrementAndGet();
    long c = USERS.incrementAndGet();
    Promise<Void> gate = Promise.promise();
    // the first read sees the members before c leaves, and answers only after c has left
    Function<List<Long>, Future<Map<Long, List<Long>>>> slowFirstRead = ids -> {
      Future<Map<Long, List<Long>>> read = messages.activeMembers(ids);
      return reads.size() == 1 ? read.compose(found -> gate.future().map(found)) : read;
    };
    long group = USERS.incrementAndGet();
    openGroup(group, List.of(a, b, c)).compose(id -> onContext(() -> {
      MemberCache cache = cache(vertx, slowFirstRead);
      Future<List<Long>> before = cache.members(id);
      return vertx.timer(100)
          .compose(t -> conversations.apply(MembershipChange.ofGroup(MembershipChange.REMOVE, group, List.of(c)).setSeq(2)))
          .compose(removed -> {
            cache.changed(id);
            Future<List<Long>> after = cache.members(id);
            gate.complete();
            return Future.all(before, after).compose(both -> cache.members(id)).map(again -> {
              testContext.verify(() -> {
                assertEquals(new HashSet<>(List.of(a, b, c)), new HashSet<>(before.result()));
                assertEquals(new HashSet<>(List.of(a, b)), new HashSet<>(after.result()), "c has left");
                // the stale read was not kept: the second read's answer was
                assertEquals(new HashSet<>(List.of(a, b)), new HashSet<>(again));
                assertEquals(2, reads.size());
              });
              return null;
            });
          });
    })).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aDirectChatOpenedHereNeedsNoReadUnlessAnotherChangeCameMeanwhile(Vertx vertx, VertxTestContext testContext) {
    long a = USERS.incrementAndGet();
    long b = USERS.incrementAndGet();
    long c = USERS.incrementAndGet();
    onContext(() -> {
      MemberCache cache = cache(vertx, messages::activeMembers);
      long quiet = cache.epoch();
      return openDirect(a, b).compose(ab -> {
        cache.changed(ab, quiet, List.of(a, b));
        long busy = cache.epoch();
        return openDirect(a, c).compose(ac -> {
          cache.changed(9_999_999L);
          cache.changed(ac, busy, List.of(a, c));
          return Future.all(cache.members(ab), cache.members(ac)).map(both -> {
            testContext.verify(() -> {
              assertEquals(List.of(a, b), both.<List<Long>>resultAt(0));
              assertEquals(new HashSet<>(List.of(a, c)), new HashSet<>(both.<List<Long>>resultAt(1)));
              assertEquals(List.of(List.of(ac)), reads, "only the chat opened amid another change is read");
            });
            return null;
          });
        });
      });
    }).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void anotherInstancesChangeDropsWhatThisOneKeptButItsOwnDoesNot(Vertx vertx, VertxTestContext testContext) {
    long a = USERS.incrementAndGet();
    long b = USERS.incrementAndGet();
    onContext(() -> {
      MemberCache here = cache(vertx, messages::activeMembers);
      MemberCache there = cache(vertx, messages::activeMembers);
      return Future.all(here.start(), there.start())
          .compose(started -> {
            long epoch = here.epoch();
            return openDirect(a, b).map(ab -> {
              here.changed(ab, epoch, List.of(a, b));
              return ab;
            });
          })
          // its own published change reaches this instance too, and must not undo what it kept
          .compose(ab -> vertx.timer(200).compose(t -> here.members(ab)).map(kept -> {
            testContext.verify(() -> assertEquals(List.of(), reads, "kept, not read"));
            there.changed(ab);
            return ab;
          }))
          .compose(ab -> vertx.timer(200).compose(t -> here.members(ab)).map(members -> {
            testContext.verify(() -> {
              assertEquals(new HashSet<>(List.of(a, b)), new HashSet<>(members));
              assertEquals(List.of(List.of(ab)), reads, "dropped by the other instance's change, so read");
            });
            return null;
          }));
    }).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aFailedReadFailsItsCallersAndTheNextAskReadsAgain(Vertx vertx, VertxTestContext testContext) {
    long a = USERS.incrementAndGet();
    long b = USERS.incrementAndGet();
    // the first read fails as a future, the second by throwing; the third reaches the database
    Function<List<Long>, Future<Map<Long, List<Long>>>> failingTwice = ids -> {
      if (reads.size() == 1) {
        return Future.failedFuture(new IllegalStateException("pool closed"));
      }
      if (reads.size() == 2) {
        throw new IllegalStateException("no connection");
      }
      return messages.activeMembers(ids);
    };
    openDirect(a, b).compose(ab -> onContext(() -> {
      MemberCache cache = cache(vertx, failingTwice);
      Future<List<Long>> first = cache.members(ab);
      return first.transform(x -> cache.members(ab))
          .transform(second -> cache.members(ab).map(third -> {
            testContext.verify(() -> {
              assertEquals("pool closed", first.cause().getMessage());
              assertEquals("no connection", second.cause().getMessage());
              assertEquals(new HashSet<>(List.of(a, b)), new HashSet<>(third));
              assertEquals(3, reads.size());
            });
            return null;
          }));
    })).onComplete(testContext.succeedingThenComplete());
  }

  /** A cache whose reads go to the real database and are recorded. */
  private MemberCache cache(Vertx vertx, Function<List<Long>, Future<Map<Long, List<Long>>>> load) {
    MemberCache cache = new MemberCache(vertx, ids -> {
      reads.add(List.copyOf(ids));
      return load.apply(ids);
    });
    caches.add(cache);
    return cache;
  }

  /** The cache is used from one event loop, as in the verticle. */
  private <T> Future<T> onContext(java.util.function.Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(result));
    return result.future();
  }

  /** Conversations opened as the account service opens them: by their first membership change. */
  private Future<Long> openDirect(long a, long b) {
    return conversations.apply(MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, a, b).setSeq(1))
        .map(ConversationRepository.Applied::conversationId);
  }

  private Future<Long> openGroup(long group, List<Long> members) {
    return conversations.apply(MembershipChange.ofGroup(MembershipChange.OPEN_GROUP, group, members)
        .setOwnerId(members.get(0)).setSeq(1)).map(ConversationRepository.Applied::conversationId);
  }
}
