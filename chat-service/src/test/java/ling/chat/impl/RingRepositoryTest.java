package ling.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import ling.common.TestDatabase;
import ling.common.db.Database;
import ling.common.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ring's row against the real database: changes wait for commits, and a dead instance cannot block them. */
@ExtendWith(VertxExtension.class)
class RingRepositoryTest {

  private Pool pool;
  private Pool deadInstancePool;
  private RingRepository rings;

  @BeforeEach
  void open(Vertx vertx, VertxTestContext testContext) {
    pool = Database.pool(vertx, TestDatabase.connection(), "ring-test");
    rings = new RingRepository(pool);
    Migrations.migrate(vertx, pool, "chat", getClass().getClassLoader()).onComplete(testContext.succeedingThenComplete());
  }

  @AfterEach
  void close(VertxTestContext testContext) {
    Future.join(pool.close(), deadInstancePool == null ? Future.succeededFuture() : deadInstancePool.close())
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void aChangeIsANewEpochAndNoChangeIsNone(VertxTestContext testContext) {
    String ring = "epochs-" + System.nanoTime();
    rings.change(ring, members -> List.of("b/1", "a/1"))
        .compose(first -> rings.change(ring, members -> List.of("a/1", "b/1"))
            .compose(same -> rings.change(ring, members -> {
              members.remove("b/1");
              return members;
            }).map(third -> List.of(first, same, third))))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertEquals(1, all.get(0).getEpoch());
          assertEquals(List.of("a/1", "b/1"), all.get(0).getMembers(), "members in one order everywhere");
          assertEquals(1, all.get(1).getEpoch(), "the same members are the same epoch");
          assertEquals(2, all.get(2).getEpoch());
          assertEquals(List.of("a/1"), all.get(2).getMembers());
          testContext.completeNow();
        })));
  }

  @Test
  void instancesLeavingAtOnceEachLeaveWithoutADeadlock(VertxTestContext testContext) {
    String ring = "leaving-" + System.nanoTime();
    List<String> all = List.of("a/1", "b/1", "c/1", "d/1", "e/1");
    rings.change(ring, members -> all)
        // as when several are stopped together: every one takes itself out at the same moment
        .compose(x -> Future.all(all.subList(0, 4).stream().map(leaver -> rings.change(ring, members -> {
          members.remove(leaver);
          return members;
        })).toList()))
        .compose(x -> rings.change(ring, members -> members))
        .onComplete(testContext.succeeding(last -> testContext.verify(() -> {
          assertEquals(List.of("e/1"), last.getMembers());
          assertEquals(5, last.getEpoch(), "one new epoch a leaver");
          testContext.completeNow();
        })));
  }

  @Test
  void theOpenCommitOfAnInstanceThatDiedIsEndedSoThatTheRingCanMoveOn(Vertx vertx, VertxTestContext testContext) {
    String ring = "stuck-" + System.nanoTime();
    String dead = "dead-node-" + System.nanoTime() + "/1";
    deadInstancePool = Database.explicitCommitPool(vertx, TestDatabase.connection(), "ring-test-dead", 1,
        conn -> RingRepository.registerConnection(conn, dead));
    rings.change(ring, members -> List.of(dead, "live/1"))
        // a commit under way when its process was killed: the ring's row held, never committed
        .compose(first -> deadInstancePool.getConnection().compose(conn -> conn.preparedQuery(RingRepository.FENCE)
            .execute(Tuple.of(ring)).map(conn)))
        .compose(stuck -> rings.change(ring, members -> List.of("live/1"))
            .map(changed -> (Throwable) null).otherwise(err -> err)
            .compose(blocked -> rings.endConnectionsOf(List.of(dead))
                .compose(x -> rings.change(ring, members -> List.of("live/1")))
                .compose(changed -> stuck.query("SELECT 1").execute().map(r -> (Throwable) null).otherwise(e -> e)
                    .map(stuckAfter -> {
                      testContext.verify(() -> {
                        assertNotNull(blocked, "the open commit holds the ring");
                        assertEquals(List.of("live/1"), changed.getMembers());
                        assertNotNull(stuckAfter, "the dead instance's connection was ended");
                      });
                      return (Void) null;
                    }))))
        .compose(x -> pool.preparedQuery("SELECT COUNT(*) FROM chat_instance_connection WHERE instance = ?")
            .execute(Tuple.of(dead)))
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertEquals(0L, rows.iterator().next().getLong(0), "its connections are forgotten");
          testContext.completeNow();
        })));
  }

  @Test
  void aLiveInstancesConnectionIsNotEndedWithAnotherOnesConnections(Vertx vertx, VertxTestContext testContext) {
    String gone = "gone-" + System.nanoTime() + "/1";
    String alive = "alive-" + System.nanoTime() + "/1";
    deadInstancePool = Database.explicitCommitPool(vertx, TestDatabase.connection(), "ring-test-alive", 1,
        conn -> RingRepository.registerConnection(conn, alive));
    deadInstancePool.getConnection()
        .compose(live -> rings.endConnectionsOf(List.of(gone))
            .compose(x -> live.query("SELECT 1").execute())
            .eventually(live::close))
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertTrue(rows.size() == 1);
          testContext.completeNow();
        })));
  }
}
