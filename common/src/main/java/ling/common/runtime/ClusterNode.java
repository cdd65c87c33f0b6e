package ling.common.runtime;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Set;

/**
 * A Vert.x instance that is a member of the Hazelcast cluster, and what it sees of that cluster.
 *
 * <p>Seed members are the ones allowed to form a cluster by themselves; any other member counts as
 * joined only while a seed is, or was when it joined, among the members it sees. So nodes that
 * start before the seed (all containers at once after a reboot, say) never settle as clusters of
 * their own.
 */
public record ClusterNode(Vertx vertx, HazelcastClusterManager manager, boolean seed) {

  /** The member attribute that marks a seed. */
  static final String SEED_ATTRIBUTE = "ling.seed";

  /** Whether the Hazelcast member still runs (it shuts down when it cannot rejoin). */
  public boolean running() {
    HazelcastInstance hz = manager.getHazelcastInstance();
    return hz != null && hz.getLifecycleService().isRunning();
  }

  /** The members this node sees, itself included; 0 once it no longer runs. */
  public int members() {
    return running() ? memberSet().size() : 0;
  }

  /** Whether a seed member, this one or another, is in the cluster this node sees. */
  public boolean seesASeed() {
    return running() && memberSet().stream().anyMatch(member -> "true".equals(member.getAttribute(SEED_ATTRIBUTE)));
  }

  /** Ready to serve as part of the cluster: running, and either a seed or not alone. */
  public boolean joined() {
    return running() && (seed || members() > 1);
  }

  private Set<Member> memberSet() {
    return manager.getHazelcastInstance().getCluster().getMembers();
  }
}
