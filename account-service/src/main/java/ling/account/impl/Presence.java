package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ling.api.Pushes;
import ling.api.Addresses;
import ling.common.Times;
import ling.common.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online: a user is while any gateway node reports at least one socket of theirs. Rows of
 * {@code presence} are (user, node); {@code gateway_node} records when each node last spoke.
 * Friends hear {@code presence} on a user's first row and on their last. A node that stops
 * speaking is swept after the timeout, so nobody stays online after their gateway died.
 */
final class Presence {

  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

  private final Vertx vertx;
  private final Pool pool;
  private final UserEvents events;
  private final long nodeTimeoutMillis;
  private long sweeper = -1;

  Presence(Vertx vertx, Pool pool, UserEvents events, JsonObject presence) {
    this.vertx = vertx;
    this.pool = pool;
    this.events = events;
    this.nodeTimeoutMillis = presence.getInteger("nodeTimeoutSeconds") * 1000L;
  }

  void start() {
    sweeper = vertx.setPeriodic(Math.max(200, nodeTimeoutMillis / 3), id -> sweep());
  }

  void stop() {
    vertx.cancelTimer(sweeper);
  }

  /** A change to announce: the friends are read in the transaction, so that publishing after the commit needs no further wait. */
  private record Change(boolean online, List<Long> friends) {
  }

  Future<Void> opened(long userId, String nodeId) {
    LocalDateTime now = Times.nowUtc();
    return Transactions.withRetry(pool, conn -> conn
            // the user row serialises presence changes of one user across nodes
            .preparedQuery("SELECT id FROM app_user WHERE id = ? FOR UPDATE").execute(Tuple.of(userId))
            .compose(user -> user.size() == 0 ? Future.succeededFuture(false) : conn
                .preparedQuery("SELECT COUNT(*) FROM presence WHERE user_id = ?").execute(Tuple.of(userId))
                .compose(before -> conn.preparedQuery("INSERT IGNORE INTO presence (user_id, node_id, since) VALUES (?, ?, ?)")
                    .execute(Tuple.of(userId, nodeId, now))
                    .map(inserted -> inserted.rowCount() == 1 && count(before.iterator().next()) == 0)))
            .compose(cameOnline -> cameOnline ? friendsOf(conn, userId, true) : Future.succeededFuture(null)))
        .map(change -> announce(userId, change));
  }

  Future<Void> closed(long userId, String nodeId) {
    return Transactions.withRetry(pool, conn -> conn
            .preparedQuery("SELECT id FROM app_user WHERE id = ? FOR UPDATE").execute(Tuple.of(userId))
            .compose(x -> conn.preparedQuery("DELETE FROM presence WHERE user_id = ? AND node_id = ?")
                .execute(Tuple.of(userId, nodeId)))
            .compose(deleted -> deleted.rowCount() == 0 ? Future.succeededFuture(false) : conn
                .preparedQuery("SELECT COUNT(*) FROM presence WHERE user_id = ?").execute(Tuple.of(userId))
                .map(after -> count(after.iterator().next()) == 0))
            .compose(wentOffline -> wentOffline ? friendsOf(conn, userId, false) : Future.succeededFuture(null)))
        .map(change -> announce(userId, change));
  }

  /** Applies a node's changes in the order it made them. */
  Future<Void> report(String nodeId, List<Long> opened, List<Long> closed) {
    Future<Void> chain = touch(nodeId);
    for (long userId : opened) {
      chain = chain.compose(x -> opened(userId, nodeId));
    }
    for (long userId : closed) {
      chain = chain.compose(x -> closed(userId, nodeId));
    }
    return chain;
  }

  /**
   * Reconciles a node's rows with the users it holds. A node sends its reports one at a time, so
   * this list is at least as new as anything it reported before.
   */
  Future<Void> heartbeat(String nodeId, List<Long> userIds) {
    return touch(nodeId)
        .compose(x -> pool.preparedQuery("SELECT user_id FROM presence WHERE node_id = ?").execute(Tuple.of(nodeId)))
        .compose(rows -> {
          Set<Long> reported = new HashSet<>(userIds);
          Set<Long> present = new HashSet<>();
          Future<Void> chain = Future.succeededFuture();
          for (Row row : rows) {
            long userId = row.getLong("user_id");
            present.add(userId);
            if (!reported.contains(userId)) {
              chain = chain.compose(y -> closed(userId, nodeId));
            }
          }
          for (long userId : reported) {
            if (!present.contains(userId)) {
              chain = chain.compose(y -> opened(userId, nodeId));
            }
          }
          return chain;
        });
  }

  Future<List<Long>> onlineAmong(List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    if (userIds.size() > 1000) {
      return Future.failedFuture(ling.api.Failures.invalid("userIds", "at most 1000"));
    }
    String marks = String.join(",", java.util.Collections.nCopies(userIds.size(), "?"));
    return pool.preparedQuery("SELECT DISTINCT user_id FROM presence WHERE user_id IN (" + marks + ")")
        .execute(Tuple.from(userIds))
        .map(rows -> {
          List<Long> online = new ArrayList<>();
          rows.forEach(row -> online.add(row.getLong(0)));
          return online;
        });
  }

  private Future<Void> touch(String nodeId) {
    return pool.preparedQuery("INSERT INTO gateway_node (node_id, last_seen) VALUES (?, UTC_TIMESTAMP(3)) "
            + "ON DUPLICATE KEY UPDATE last_seen = VALUES(last_seen)")
        .execute(Tuple.of(nodeId)).mapEmpty();
  }

  /** Takes every user of silent nodes offline. */
  private void sweep() {
    // the database's clock, like last_seen: the account service's own may differ
    pool.preparedQuery("SELECT node_id FROM gateway_node WHERE last_seen < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND")
        .execute(Tuple.of(nodeTimeoutMillis * 1000))
        .compose(nodes -> {
          Future<Void> chain = Future.succeededFuture();
          for (Row node : nodes) {
            String nodeId = node.getString("node_id");
            chain = chain.compose(x -> forgetNode(nodeId));
          }
          return chain;
        })
        .onFailure(err -> LOG.warn("presence sweep failed: {}", err.getMessage()));
  }

  private Future<Void> forgetNode(String nodeId) {
    return pool.preparedQuery("SELECT user_id FROM presence WHERE node_id = ?").execute(Tuple.of(nodeId))
        .compose(rows -> {
          if (rows.size() > 0) {
            LOG.info("gateway node {} went silent; its {} users are offline", nodeId, rows.size());
          }
          // its sockets are gone: calls on them end too
          vertx.eventBus().publish(Addresses.GATEWAY_NODE_GONE, new JsonObject().put("nodeId", nodeId));
          Future<Void> chain = Future.succeededFuture();
          for (Row row : rows) {
            long userId = row.getLong("user_id");
            chain = chain.compose(x -> closed(userId, nodeId));
          }
          return chain;
        })
        .compose(x -> pool.preparedQuery("DELETE FROM gateway_node WHERE node_id = ? "
                + "AND last_seen < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND")
            .execute(Tuple.of(nodeId, nodeTimeoutMillis * 1000)))
        .mapEmpty();
  }

  private static Future<Change> friendsOf(SqlConnection conn, long userId, boolean online) {
    return conn.preparedQuery("SELECT friend_id FROM friendship WHERE user_id = ?").execute(Tuple.of(userId))
        .map(rows -> {
          List<Long> friends = new ArrayList<>();
          rows.forEach(row -> friends.add(row.getLong(0)));
          return new Change(online, friends);
        });
  }

  /** Right after the commit, with nothing to wait for: changes of one user go out in commit order. */
  private Void announce(long userId, Change change) {
    if (change != null) {
      events.send(change.friends(), Pushes.PRESENCE, new JsonObject().put("userId", userId).put("online", change.online()));
    }
    return null;
  }

  private static long count(Row row) {
    return row.getLong(0);
  }
}
