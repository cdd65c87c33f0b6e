package ling.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import ling.api.chat.SendRequest;
import ling.chat.impl.MessageStore.Stored;
import ling.chat.impl.MessageStore.Unit;
import ling.api.chat.MembershipChange;
import ling.common.TestDatabase;
import ling.common.cluster.HashRing;
import ling.common.db.Database;
import ling.common.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The send path against the real database: groups are all or nothing, and a refused unit spoils nothing. */
@ExtendWith(VertxExtension.class)
class GroupCommitTest {

  /** Users of each test are fresh, so that tests never see each other's conversations. */
  private static final AtomicLong USERS = new AtomicLong(1_000_000);
  /** One process, one instance: it owns everything and needs no fence. */
  private static final OwnerRing.Snapshot UNFENCED = new OwnerRing.Snapshot("none", -1, null, "solo");

  private Pool pool;
  private Pool sendPool;
  private MessageStore messages;
  private ConversationRepository conversations;

  @BeforeEach
  void open(Vertx vertx, VertxTestContext testContext) {
    pool = Database.pool(vertx, TestDatabase.connection(), "group-commit-test");
    sendPool = Database.explicitCommitPool(vertx, TestDatabase.connection(), "group-commit-test-send", 3);
    messages = new MessageStore(pool, sendPool);
    conversations = new ConversationRepository(pool);
    Migrations.migrate(vertx, pool, "chat", getClass().getClassLoader()).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext testContext) {
    Future.join(pool.close(), sendPool.close()).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aGroupWithAUnitThatMayNotSendStoresNothing(VertxTestContext testContext) {
    long alice = USERS.incrementAndGet();
    long bob = USERS.incrementAndGet();
    long carol = USERS.incrementAndGet();
    openDirect(alice, bob).compose(ab -> openDirect(bob, carol).compose(bc ->
            messages.storeGroup(List.of(
                    unit(ab, alice, "a1", "a2"),
                    // carol is not in alice and bob's conversation
                    unit(ab, carol, "c1"),
                    unit(bc, bob, "b1")), UNFENCED)
                .map(stored -> (Throwable) null)
                .otherwise(err -> err)
                .compose(failure -> lastSeqs(ab, bc).compose(seqs -> count(alice, bob, carol).map(rows -> {
                  testContext.verify(() -> {
                    // refused, or the insert that followed the refused seq statement failed first
                    assertNotNull(failure, "the group fails");
                    assertEquals(List.of(0L, 0L), seqs, "no seq was taken");
                    assertEquals(0L, rows, "no message was stored");
                  });
                  return null;
                })))))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aSpoiledGroupFallsBackToEachUnitAlone(Vertx vertx, VertxTestContext testContext) {
    long alice = USERS.incrementAndGet();
    long bob = USERS.incrementAndGet();
    long carol = USERS.incrementAndGet();
    // one batch at a time: the first unit is stored alone, the next three wait and go as one group
    OwnerRing owners = new OwnerRing(vertx, new RingRepository(pool), "group-commit-test");
    owners.join();
    GroupCommit commits = new GroupCommit(messages, owners, 1, 500, 1_000_000);
    Context context = vertx.getOrCreateContext();
    openDirect(alice, bob).compose(ab -> {
      var first = Future.<List<Stored>>future(p -> context.runOnContext(v -> commits.store(unit(ab, alice, "x1"))
          .onComplete(p)));
      var rest = Future.<List<List<Stored>>>future(p -> context.runOnContext(v -> Future.all(
              commits.store(unit(ab, bob, "y1", "y2")),
              commits.store(unit(ab, carol, "z1")),
              // a resend of x1 along with a new send
              commits.store(unit(ab, alice, "x1", "x2")))
          .map(all -> all.<List<Stored>>list())
          .onComplete(p)));
      return Future.all(first, rest).compose(x -> pool.preparedQuery(
              "SELECT seq FROM message WHERE conversation_id = ? ORDER BY seq").execute(Tuple.of(ab))
          .map(rows -> {
            testContext.verify(() -> {
              Stored x1 = first.result().get(0);
              assertTrue(x1.fresh());
              List<List<Stored>> after = rest.result();
              assertEquals(List.of("y1", "y2"), after.get(0).stream().map(s -> s.row().clientMsgId()).toList());
              assertTrue(after.get(0).stream().allMatch(Stored::fresh));
              assertTrue(after.get(1).isEmpty(), "carol may not send there");
              Stored resent = after.get(2).stream().filter(s -> s.row().clientMsgId().equals("x1")).findFirst()
                  .orElseThrow();
              assertFalse(resent.fresh(), "a resend is answered with the first copy");
              assertEquals(x1.row().id(), resent.row().id());
              assertEquals(x1.row().seq(), resent.row().seq());
              List<Long> seqs = rows.stream().map(r -> r.getLong(0)).toList();
              assertEquals(List.of(1L, 2L, 3L, 4L), seqs, "x1, y1, y2, x2 without a gap");
            });
            return null;
          }));
    }).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aCommitUnderAnEpochTheRingHasLeftStoresNothing(VertxTestContext testContext) {
    long alice = USERS.incrementAndGet();
    long bob = USERS.incrementAndGet();
    String ring = "fence-" + alice;
    RingRepository rings = new RingRepository(pool);
    HashRing solo = new HashRing(List.of("me"));
    rings.change(ring, members -> List.of("me")).compose(first -> openDirect(alice, bob)
            .compose(ab -> messages.storeGroup(List.of(unit(ab, alice, "e1")),
                    new OwnerRing.Snapshot(ring, first.getEpoch(), solo, "me"))
                // another instance joins: a new epoch, and the old one no longer stores
                .compose(stored -> rings.change(ring, members -> List.of("me", "other")))
                .compose(second -> messages.storeGroup(List.of(unit(ab, alice, "e2")),
                        new OwnerRing.Snapshot(ring, first.getEpoch(), solo, "me"))
                    .map(stored -> (Throwable) null).otherwise(err -> err)
                    .compose(stale -> messages.storeUnit(unit(ab, alice, "e3"),
                            new OwnerRing.Snapshot(ring, first.getEpoch(), solo, "me"))
                        .map(stored -> (Throwable) null).otherwise(err -> err)
                        .compose(staleUnit -> messages.storeGroup(List.of(unit(ab, alice, "e4")),
                                new OwnerRing.Snapshot(ring, second.getEpoch(), solo, "me"))
                            .compose(fresh -> pool.preparedQuery("SELECT client_msg_id FROM message "
                                    + "WHERE conversation_id = ? ORDER BY seq").execute(Tuple.of(ab)))
                            .map(rows -> {
                              testContext.verify(() -> {
                                assertEquals(first.getEpoch() + 1, second.getEpoch());
                                assertTrue(stale instanceof MessageStore.OwnerChanged, String.valueOf(stale));
                                assertTrue(staleUnit instanceof MessageStore.OwnerChanged,
                                    String.valueOf(staleUnit));
                                assertEquals(List.of("e1", "e4"), rows.stream().map(r -> r.getString(0)).toList());
                              });
                              return null;
                            }))))))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void theIdsAndSeqsAnsweredAreTheStoredOnesWhetherIdsAreComputedOrReadBack(VertxTestContext testContext) {
    long alice = USERS.incrementAndGet();
    long bob = USERS.incrementAndGet();
    long carol = USERS.incrementAndGet();
    openDirect(alice, bob).compose(ab -> openDirect(bob, carol).compose(bc ->
            // two conversations, two senders in one of them, five rows: inserts of 4 and 1
            messages.storeGroup(List.of(unit(ab, alice, "k1", "k2"), unit(bc, carol, "k3"), unit(ab, bob, "k4")), true, UNFENCED)
                .compose(computed -> messages.storeGroup(List.of(unit(bc, bob, "r1", "r2"), unit(ab, alice, "r3"),
                    unit(bc, carol, "r4", "r5")), false, UNFENCED).map(readBack -> List.of(computed, readBack)))
                .compose(both -> pool.preparedQuery("SELECT client_msg_id, id, seq, conversation_id FROM message "
                        + "WHERE conversation_id IN (?, ?)").execute(Tuple.of(ab, bc))
                    .map(rows -> {
                      java.util.Map<String, List<Long>> inDb = new java.util.HashMap<>();
                      rows.forEach(r -> inDb.put(r.getString(0), List.of(r.getLong(1), r.getLong(2), r.getLong(3))));
                      testContext.verify(() -> {
                        assertEquals(4, both.get(0).size());
                        assertEquals(5, both.get(1).size());
                        for (List<Stored> answered : both) {
                          for (Stored s : answered) {
                            assertTrue(s.fresh());
                            assertEquals(inDb.get(s.row().clientMsgId()), List.of(s.row().id(), s.row().seq(),
                                s.row().conversationId()), s.row().clientMsgId());
                          }
                        }
                        // each unit answered in its own order
                        assertEquals(List.of("r4", "r5"), both.get(1).stream().filter(s -> s.unit() == 2)
                            .map(s -> s.row().clientMsgId()).toList());
                      });
                      return null;
                    }))))
        .onComplete(testContext.succeedingThenComplete());
  }

  private static Unit unit(long conversationId, long senderId, String... clientMsgIds) {
    return new Unit(conversationId, senderId, java.util.Arrays.stream(clientMsgIds)
        .map(id -> new SendRequest().setConversationId(conversationId).setClientMsgId(id).setKind("text")
            .setText("text of " + id))
        .toList(), java.util.Map.of());
  }

  private Future<List<Long>> lastSeqs(long... conversationIds) {
    return pool.preparedQuery("SELECT last_seq FROM conversation WHERE id IN (?, ?) ORDER BY id")
        .execute(Tuple.of(conversationIds[0], conversationIds[1]))
        .map(rows -> rows.stream().map(r -> r.getLong(0)).toList());
  }

  private Future<Long> count(long... senders) {
    return pool.preparedQuery("SELECT COUNT(*) FROM message WHERE sender_id IN (?, ?, ?)")
        .execute(Tuple.of(senders[0], senders[1], senders[2]))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** A pair's conversation opened as the account service opens one: by its first membership change. */
  private Future<Long> openDirect(long a, long b) {
    return conversations.apply(MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, a, b).setSeq(1))
        .map(ConversationRepository.Applied::conversationId);
  }
}
