package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import ling.api.chat.ChatRing;
import ling.api.chat.ChatService;
import ling.common.cluster.ClusterMembers;
import ling.common.cluster.HashRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which conversations this instance owns. The instances of a cluster form a ring kept in the
 * database: an instance adds itself when it starts and takes itself out when it stops, and the
 * instances of a node that dies are taken out by the first survivor to hear of it. Each change is
 * a new epoch, published to every instance and gateway. Messages are stored only by the owner of
 * their conversation under an epoch the database still holds (the fence in
 * {@link MessageStore}), so that no two instances store and push one conversation's
 * messages at once, even while they disagree about the ring.
 *
 * <p>A process that is not clustered has one instance, which owns everything, with no fence.
 * Used from the verticle's event loop only.
 */
final class OwnerRing {

  /** What a commit checks: the ring's name and the epoch its owner decided under. */
  record Snapshot(String ring, long epoch, HashRing hash, String self) {

    boolean owns(long conversationId) {
      return hash == null || self.equals(hash.owner(conversationId));
    }

    boolean fenced() {
      return hash != null;
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OwnerRing.class);
  private static final int CHANGE_ATTEMPTS = 20;
  private static final int LEAVE_ATTEMPTS = 3;

  private final Vertx vertx;
  private final ClusterMembers cluster;
  private final RingRepository repository;
  private final String ringName;
  private final String instanceId;
  private final Handler<String> onLeft = this::nodeLeft;
  private ChatRing current = new ChatRing(-1, List.of());
  private Snapshot snapshot;
  private MessageConsumer<JsonObject> changes;

  OwnerRing(Vertx vertx, RingRepository repository, String ringName) {
    this.vertx = vertx;
    this.cluster = ClusterMembers.of(vertx);
    this.repository = repository;
    this.ringName = ringName;
    this.instanceId = cluster.newInstanceId();
    // clustered, it owns nothing until it has joined
    this.snapshot = new Snapshot(ringName, -1, cluster.clustered() ? new HashRing(List.of()) : null, instanceId);
  }

  String instanceId() {
    return instanceId;
  }

  ChatRing ring() {
    return current;
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** Takes this instance into the ring (and leftovers of nodes that are gone out of it). */
  Future<Void> join() {
    if (!cluster.clustered()) {
      // one process: no fence, and the newest instance (a restart, say) is the one gateways use
      announce(new ChatRing(System.currentTimeMillis(), List.of(instanceId)));
      return Future.succeededFuture();
    }
    changes = vertx.eventBus().consumer(ChatService.RING_CHANGED, msg -> adopt(new ChatRing(msg.body()), true));
    cluster.onLeft(vertx, onLeft);
    return changes.completion()
        .compose(x -> repository.current(ringName))
        // instances of nodes that died while no instance was left to hear of it
        .compose(ring -> repository.endConnectionsOf(ring.getMembers().stream()
            .filter(member -> !isAlive(member)).toList()))
        .compose(x -> change(members -> {
          members.removeIf(member -> !isAlive(member));
          members.add(instanceId);
          return members;
        }, 1));
  }

  /** Takes this instance out, so that its conversations move before it stops answering. */
  Future<Void> leave() {
    cluster.removeOnLeft(onLeft);
    if (!cluster.clustered()) {
      announce(new ChatRing(Math.max(System.currentTimeMillis(), current.getEpoch() + 1), List.of()));
      return Future.succeededFuture();
    }
    if (changes == null) {
      return Future.succeededFuture();
    }
    // a few tries, quickly: a stop must not wait long, but a lock that timed out should not leave
    // this instance in the ring for the others to route to until its node is found gone
    return change(members -> {
      members.remove(instanceId);
      return members;
    }, LEAVE_ATTEMPTS)
        .eventually(() -> repository.forget(List.of(instanceId)))
        .eventually(() -> changes.unregister());
  }

  private void announce(ChatRing ring) {
    adopt(ring, false);
    vertx.eventBus().publish(ChatService.RING_CHANGED, ring.toJson());
  }

  /** Reads the ring again: a commit found the epoch moved before this instance heard of it. */
  void refresh() {
    if (cluster.clustered()) {
      repository.current(ringName).onSuccess(ring -> adopt(ring, true));
    }
  }

  /**
   * A node died: its instances leave the ring. What they were storing may hold the ring's row for
   * as long as the database keeps their connections, which after a host's crash can be hours: so
   * those connections are ended first.
   */
  private void nodeLeft(String nodeId) {
    List<String> dead = current.getMembers().stream()
        .filter(member -> ClusterMembers.nodeOf(member).equals(nodeId)).toList();
    if (!dead.isEmpty()) {
      repository.endConnectionsOf(dead)
          .onFailure(err -> LOG.warn("the connections of a dead chat instance were not ended: {}", err.getMessage()))
          .eventually(() -> change(members -> {
            members.removeAll(dead);
            return members;
          }, CHANGE_ATTEMPTS));
    }
  }

  private Future<Void> change(UnaryOperator<List<String>> change, int attemptsLeft) {
    return repository.change(ringName, change)
        .onSuccess(ring -> {
          adopt(ring, true);
          vertx.eventBus().publish(ChatService.RING_CHANGED, ring.toJson());
        })
        .<Void>mapEmpty()
        .recover(err -> {
          if (attemptsLeft <= 1) {
            LOG.warn("the ring of chat instances was not changed: {}", err.getMessage());
            return Future.failedFuture(err);
          }
          return vertx.timer(500, TimeUnit.MILLISECONDS).compose(t -> change(change, attemptsLeft - 1));
        });
  }

  private boolean isAlive(String instance) {
    return cluster.alive().contains(ClusterMembers.nodeOf(instance));
  }

  private void adopt(ChatRing ring, boolean fenced) {
    if (ring.getEpoch() <= current.getEpoch()) {
      return;
    }
    current = ring;
    snapshot = new Snapshot(ringName, ring.getEpoch(), fenced ? new HashRing(ring.getMembers()) : null, instanceId);
    LOG.info("chat ring {}: {} owner(s){}", ring.getEpoch(), ring.getMembers().size(),
        ring.getMembers().contains(instanceId) ? ", this one included" : "");
  }
}
