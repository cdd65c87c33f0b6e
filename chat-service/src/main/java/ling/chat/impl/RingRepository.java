package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import ling.api.chat.ChatRing;

/** The ring of each cluster ({@code chat_ring}): its members and epoch. */
final class RingRepository {

  /** Read by every commit of messages, under a shared lock: see {@link MessageRepository}. */
  static final String FENCE = "SELECT epoch FROM chat_ring WHERE ring = ? LOCK IN SHARE MODE";

  private final Pool pool;

  RingRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Changes the members of a ring in one transaction, under the row's exclusive lock, which waits
   * for the commits of messages under the old epoch to end; a real change is a new epoch. Waits for
   * that lock a few seconds at most: a commit of a process that vanished holds it until the
   * database drops that connection, and the caller tries again.
   */
  Future<ChatRing> change(String ring, UnaryOperator<List<String>> change) {
    // the row exists before a transaction locks it: inserting it inside would take a shared lock on
    // the key first, and two instances changing the ring at once (two stopping together) would then
    // deadlock upgrading theirs
    return pool.withConnection(conn -> conn.preparedQuery("INSERT IGNORE INTO chat_ring (ring, epoch, members) "
            + "VALUES (?, 0, '')").execute(Tuple.of(ring))
        .compose(x -> conn.query("SET SESSION innodb_lock_wait_timeout = 5").execute())
        .compose(x -> conn.begin())
        .compose(tx -> conn.preparedQuery("SELECT epoch, members FROM chat_ring WHERE ring = ? FOR UPDATE")
                .execute(Tuple.of(ring))
            .compose(rows -> {
              ChatRing current = ring(rows.iterator().next());
              List<String> members = change.apply(new ArrayList<>(current.getMembers())).stream()
                  .distinct().sorted().toList();
              if (members.equals(current.getMembers())) {
                return Future.succeededFuture(current);
              }
              ChatRing next = new ChatRing(current.getEpoch() + 1, members);
              return conn.preparedQuery("UPDATE chat_ring SET epoch = ?, members = ? WHERE ring = ?")
                  .execute(Tuple.of(next.getEpoch(), String.join(",", members), ring))
                  .map(next);
            })
            .compose(next -> tx.commit().map(next))
            .recover(err -> tx.rollback().transform(x -> Future.<ChatRing>failedFuture(err))))
        // the pool's connection goes back with the server's default wait
        .eventually(() -> conn.query("SET SESSION innodb_lock_wait_timeout = DEFAULT").execute()));
  }

  /** Records a send connection of an instance, from that connection as it opens. */
  static Future<Void> registerConnection(io.vertx.sqlclient.SqlConnection conn, String instance) {
    return conn.preparedQuery("INSERT IGNORE INTO chat_instance_connection (instance, connection_id) "
        + "VALUES (?, CONNECTION_ID())").execute(Tuple.of(instance)).mapEmpty();
  }

  /**
   * Ends the send connections of instances that are gone, so that a transaction one of them left
   * open rolls back and lets go of its locks, and forgets them. A connection that has ended
   * already is no matter.
   */
  Future<Void> endConnectionsOf(List<String> instances) {
    if (instances.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("SELECT connection_id FROM chat_instance_connection WHERE instance IN ("
            + marks(instances) + ")")
        .execute(Tuple.wrap(new ArrayList<Object>(instances)))
        .compose(rows -> {
          List<Future<Void>> kills = new ArrayList<>();
          // an id read from this table is a number: nothing to escape
          rows.forEach(row -> kills.add(pool.query("KILL CONNECTION " + row.getLong(0)).execute()
              .<Void>mapEmpty().otherwiseEmpty()));
          return Future.join(kills);
        })
        .compose(x -> forget(instances));
  }

  /** Forgets the connections of instances that stopped by themselves. */
  Future<Void> forget(List<String> instances) {
    if (instances.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("DELETE FROM chat_instance_connection WHERE instance IN (" + marks(instances) + ")")
        .execute(Tuple.wrap(new ArrayList<Object>(instances))).mapEmpty();
  }

  private static String marks(List<String> values) {
    return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
  }

  Future<ChatRing> current(String ring) {
    return pool.preparedQuery("SELECT epoch, members FROM chat_ring WHERE ring = ?").execute(Tuple.of(ring))
        .map(rows -> rows.size() == 0 ? new ChatRing(0, List.of()) : ring(rows.iterator().next()));
  }

  private static ChatRing ring(Row row) {
    String members = row.getString("members");
    return new ChatRing(row.getLong("epoch"),
        members.isEmpty() ? List.of() : Arrays.stream(members.split(",")).sorted().toList());
  }
}
