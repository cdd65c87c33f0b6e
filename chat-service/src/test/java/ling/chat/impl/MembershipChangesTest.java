package ling.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import ling.api.Failures;
import ling.api.chat.ChatService;
import ling.api.chat.MembershipChange;
import ling.common.TestDatabase;
import ling.common.db.Database;
import ling.common.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Membership changes against the real database: each applied once and in its order, however often
 * and in whatever order they arrive; what is malformed is refused before it touches anything.
 */
class MembershipChangesTest {

  /** Fresh ids per test, so that tests never meet each other's groups and pairs. */
  private static final AtomicLong IDS = new AtomicLong(7_000_000 + System.nanoTime() % 1_000_000 * 10);

  private Vertx vertx;
  private Pool pool;
  private ConversationRepository conversations;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, TestDatabase.connection(), "membership-changes-test");
    conversations = new ConversationRepository(pool);
    Migrations.migrate(vertx, pool, "chat", getClass().getClassLoader()).await();
  }

  @AfterEach
  void close() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void aRepeatedChangeAfterALaterOneChangesNothing() {
    long group = IDS.incrementAndGet();
    long owner = IDS.incrementAndGet();
    long bob = IDS.incrementAndGet();
    long carol = IDS.incrementAndGet();
    MembershipChange open = change(MembershipChange.OPEN_GROUP, group, 1, owner, bob).setOwnerId(owner);
    MembershipChange addCarol = change(MembershipChange.ADD, group, 2, carol);
    MembershipChange removeCarol = change(MembershipChange.REMOVE, group, 3, carol);
    MembershipChange bobAdmin = change(MembershipChange.ROLE, group, 4, bob).setRole("admin");

    long id = apply(open);
    assertEquals(id, apply(open), "opened once");
    apply(addCarol);
    apply(removeCarol);
    // delivered again, late: carol stays out
    assertEquals(id, apply(addCarol));
    apply(bobAdmin);
    assertEquals(Map.of(owner, "owner", bob, "admin"), activeMembers(id));
    assertEquals(4, membershipSeq(id));

    apply(change(MembershipChange.CLOSE_GROUP, group, 5));
    assertNotEquals(null, closedAt(id), "dissolved: closed");
    apply(open);
    assertNotEquals(null, closedAt(id), "the opening, again, does not reopen it");
  }

  @Test
  void aChangeAheadOfItsPredecessorIsRefusedAndChangesNothing() {
    long group = IDS.incrementAndGet();
    long owner = IDS.incrementAndGet();
    long bob = IDS.incrementAndGet();
    long id = apply(change(MembershipChange.OPEN_GROUP, group, 1, owner).setOwnerId(owner));

    ServiceException early = refused(change(MembershipChange.ADD, group, 3, bob));
    assertEquals(ChatService.CHANGE_OUT_OF_ORDER, early.failureCode());
    assertEquals(Map.of(owner, "owner"), activeMembers(id));

    // a group whose opening has not arrived yet is not made by a later change
    ServiceException unopened = refused(change(MembershipChange.ADD, IDS.incrementAndGet(), 2, bob));
    assertEquals(ChatService.CHANGE_OUT_OF_ORDER, unopened.failureCode());

    apply(change(MembershipChange.ADD, group, 2, bob));
    apply(change(MembershipChange.ADD, group, 3, bob));
    assertEquals(Map.of(owner, "owner", bob, "member"), activeMembers(id));
  }

  @Test
  void friendsWhoPartAndMeetAgainGetTheirConversationBackOpen() {
    long a = IDS.incrementAndGet();
    long b = IDS.incrementAndGet();
    assertEquals(0L, apply(MembershipChange.ofPair(MembershipChange.CLOSE_DIRECT, a, b).setSeq(1)),
        "nothing to close for a pair that never talked");
    long id = apply(MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, b, a).setSeq(2));
    assertEquals(Map.of(a, "member", b, "member"), activeMembers(id));
    apply(MembershipChange.ofPair(MembershipChange.CLOSE_DIRECT, a, b).setSeq(3));
    assertNotEquals(null, closedAt(id));
    assertEquals(id, apply(MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, a, b).setSeq(4)));
    assertEquals(null, closedAt(id), "reopened, the same conversation");
    apply(MembershipChange.ofPair(MembershipChange.CLOSE_DIRECT, a, b).setSeq(3));
    assertEquals(null, closedAt(id), "an old close delivered again does not close it");
  }

  @Test
  void manyConversationsOpenedAtOnceAllOpen() {
    // as when many people befriend each other in the same moment: no deadlock fails any of them
    List<io.vertx.core.Future<ConversationRepository.Applied>> opens = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long a = IDS.incrementAndGet();
      long b = IDS.incrementAndGet();
      opens.add(conversations.apply(MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, a, b).setSeq(1)));
      opens.add(conversations.apply(change(MembershipChange.OPEN_GROUP, IDS.incrementAndGet(), 1, a, b).setOwnerId(a)));
    }
    io.vertx.core.Future.join(opens).await();
    for (var open : opens) {
      assertEquals(2, activeMembers(open.result().conversationId()).size());
    }
  }

  @Test
  void malformedChangesAreRefusedBeforeTheyTouchAnything() {
    long group = IDS.incrementAndGet();
    List<MembershipChange> bad = List.of(
        new MembershipChange().setKind("explode").setGroupId(group).setSeq(1),
        change(MembershipChange.ADD, group, 0, 5),
        change(MembershipChange.ADD, 0, 1, 5),
        change(MembershipChange.ADD, group, 1, 5, 5),
        change(MembershipChange.ADD, group, 1, -3),
        change(MembershipChange.ROLE, group, 1, 5).setRole("god"),
        change(MembershipChange.ROLE, group, 1, 5),
        change(MembershipChange.OPEN_GROUP, group, 1, 5, 6).setOwnerId(7),
        new MembershipChange().setKind(MembershipChange.OPEN_DIRECT).setSeq(1).setUserIds(List.of(9L, 8L)),
        new MembershipChange().setKind(MembershipChange.OPEN_DIRECT).setSeq(1).setUserIds(List.of(8L)));
    for (MembershipChange change : bad) {
      ServiceException refused = assertThrows(ServiceException.class, () -> MembershipChanges.validate(change),
          change.toJson().encode());
      assertEquals(Failures.INVALID_REQUEST, refused.failureCode(), change.toJson().encode());
    }
    assertThrows(ServiceException.class, () -> MembershipChanges.validate(null));
  }

  private static MembershipChange change(String kind, long group, long seq, long... users) {
    return MembershipChange.ofGroup(kind, group, java.util.Arrays.stream(users).boxed().toList()).setSeq(seq);
  }

  private long apply(MembershipChange change) {
    MembershipChanges.validate(change);
    return conversations.apply(change).await().conversationId();
  }

  private ServiceException refused(MembershipChange change) {
    return assertThrows(ServiceException.class, () -> apply(change));
  }

  private Map<Long, String> activeMembers(long conversationId) {
    Map<Long, String> out = new TreeMap<>();
    for (Row row : pool.preparedQuery("SELECT user_id, role FROM conversation_member "
        + "WHERE conversation_id = ? AND left_at IS NULL").execute(Tuple.of(conversationId)).await()) {
      out.put(row.getLong(0), row.getString(1));
    }
    return out;
  }

  private Object closedAt(long conversationId) {
    return pool.preparedQuery("SELECT closed_at FROM conversation WHERE id = ?").execute(Tuple.of(conversationId))
        .await().iterator().next().getValue(0);
  }

  private long membershipSeq(long conversationId) {
    return pool.preparedQuery("SELECT membership_seq FROM conversation WHERE id = ?").execute(Tuple.of(conversationId))
        .await().iterator().next().getLong(0);
  }
}
