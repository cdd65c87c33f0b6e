package ling.common.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The nodes of this process's cluster, as Hazelcast sees them: which node this is, which are alive,
 * and news of one leaving, delivered at once (a killed process is seen gone as soon as its
 * connections drop, well before any request to it would time out). A process that is not clustered
 * is a cluster of one node that never leaves.
 */
public final class ClusterMembers implements Shareable {

  private record Listener(Context context, Handler<String> handler) {
  }

  /** The member attribute under which vertx-hazelcast keeps a node's Vert.x id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final HazelcastClusterManager hazelcast;
  private final String nodeId;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private ClusterMembers(ClusterManager manager) {
    this.hazelcast = manager instanceof HazelcastClusterManager h ? h : null;
    this.nodeId = manager != null ? manager.getNodeId() : "local-" + UUID.randomUUID();
    if (hazelcast != null) {
      hazelcast.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
          String gone = nodeIdOf(event.getMember());
          listeners.forEach(l -> l.context().runOnContext(v -> l.handler().handle(gone)));
        }
      });
    }
  }

  /** The one view of a Vert.x instance's cluster, shared by its verticles. */
  public static ClusterMembers of(Vertx vertx) {
    return (ClusterMembers) vertx.sharedData().<String, Object>getLocalMap("ling.cluster")
        .computeIfAbsent("members", k -> new ClusterMembers(((VertxInternal) vertx).clusterManager()));
  }

  /** Whether other processes may share the work (and may die while holding some of it). */
  public boolean clustered() {
    return hazelcast != null;
  }

  public String nodeId() {
    return nodeId;
  }

  /** A fresh id for a service instance on this node: the node's id, a slash, and a random part. */
  public String newInstanceId() {
    return nodeId + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The node an instance id of {@link #newInstanceId} runs on. */
  public static String nodeOf(String instanceId) {
    int slash = instanceId.lastIndexOf('/');
    return slash < 0 ? instanceId : instanceId.substring(0, slash);
  }

  /** The nodes alive now, this one included. */
  public Set<String> alive() {
    if (hazelcast == null || !hazelcast.getHazelcastInstance().getLifecycleService().isRunning()) {
      return Set.of(nodeId);
    }
    return hazelcast.getHazelcastInstance().getCluster().getMembers().stream()
        .map(ClusterMembers::nodeIdOf).collect(Collectors.toSet());
  }

  /** Vert.x names a node by an id of its own, kept as a member attribute, not by the member's UUID. */
  private static String nodeIdOf(com.hazelcast.cluster.Member member) {
    String nodeId = member.getAttribute(VERTX_NODE_ID);
    return nodeId != null ? nodeId : member.getUuid().toString();
  }

  /** Calls {@code handler} on the caller's context with the id of each node that leaves, from now on. */
  public void onLeft(Vertx vertx, Handler<String> handler) {
    listeners.add(new Listener(vertx.getOrCreateContext(), handler));
  }

  /** Stops calling a handler given to {@link #onLeft}. */
  public void removeOnLeft(Handler<String> handler) {
    listeners.removeIf(l -> l.handler() == handler);
  }
}
