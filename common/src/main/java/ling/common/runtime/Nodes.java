package ling.common.runtime;

import com.hazelcast.config.Config;
import com.hazelcast.config.IcmpFailureDetectorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Vert.x instance of a node: plain (one JVM) or clustered over Hazelcast TCP-IP. */
public final class Nodes {

  private static final Logger LOG = LoggerFactory.getLogger(Nodes.class);
  private static final long MAX_RETRY_DELAY_MS = 5_000;

  private Nodes() {
  }

  public static Vertx plain(JsonObject config) {
    return Vertx.builder().with(options(config)).withMetrics(new MicrometerMetricsFactory()).build();
  }

  public static Future<Vertx> clustered(JsonObject config) {
    return join(config).map(ClusterNode::vertx);
  }

  /**
   * Joins the cluster. A node that is not a seed and finds no seed among the members it reached
   * leaves and tries again, until {@code cluster.joinTimeoutSeconds} have passed; then it fails.
   */
  public static Future<ClusterNode> join(JsonObject config) {
    JsonObject cluster = config.getJsonObject("cluster", new JsonObject());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(cluster.getInteger("joinTimeoutSeconds", 120));
    return attempt(config, deadline, 500);
  }

  private static Future<ClusterNode> attempt(JsonObject config, long deadline, long retryDelayMs) {
    JsonObject cluster = config.getJsonObject("cluster", new JsonObject());
    boolean seed = cluster.getBoolean("seed", true);
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    return clusteredVertx(config, manager).compose(vertx -> {
      ClusterNode node = new ClusterNode(vertx, manager, seed);
      if (seed || node.seesASeed()) {
        LOG.info("joined cluster '{}' with {} member(s)", cluster.getString("name"), node.members());
        return Future.succeededFuture(node);
      }
      int seen = node.members();
      return vertx.close().transform(closed -> {
        if (System.nanoTime() - deadline > 0) {
          return Future.failedFuture("no seed member of cluster '" + cluster.getString("name")
              + "' could be reached at " + cluster.getString("members"));
        }
        LOG.info("no seed member among the {} member(s) reached; trying again in {} ms", seen, retryDelayMs);
        return delay(retryDelayMs)
            .compose(v -> attempt(config, deadline, Math.min(MAX_RETRY_DELAY_MS, retryDelayMs * 2)));
      });
    });
  }

  /** A pause without a Vert.x instance to time it (there is none between two attempts). */
  private static Future<Void> delay(long millis) {
    return Future.fromCompletionStage(CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)));
  }

  private static Future<Vertx> clusteredVertx(JsonObject config, HazelcastClusterManager manager) {
    JsonObject cluster = config.getJsonObject("cluster", new JsonObject());
    String host = blankToNull(cluster.getString("host"));
    String publicHost = blankToNull(cluster.getString("publicHost"));
    EventBusOptions eventBus = new EventBusOptions().setPort(0);
    // without a host the cluster manager's own address is used (what containers want)
    if (host != null) {
      eventBus.setHost(host).setClusterPublicHost(publicHost == null ? host : publicHost);
    } else if (publicHost != null) {
      eventBus.setClusterPublicHost(publicHost);
    }
    VertxOptions options = options(config).setEventBusOptions(eventBus);
    return Vertx.builder()
        .with(options)
        .withMetrics(new MicrometerMetricsFactory())
        .withClusterManager(manager)
        .buildClustered();
  }

  private static VertxOptions options(JsonObject config) {
    JsonObject metrics = config.getJsonObject("metrics", new JsonObject());
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
        .setEnabled(metrics.getBoolean("enabled", true))
        .setRegistryName(metrics.getString("registryName", "ling"))
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    if (!metrics.getBoolean("eventBus", false)) {
      // counted per message, they made a third of the server's garbage under load
      options.addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.EVENT_BUS);
    }
    return new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(options);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** TCP-IP join on the configured members; no multicast, nothing bound beyond the interface. */
  static Config hazelcast(JsonObject cluster) {
    Config hz = new Config();
    hz.setClusterName(cluster.getString("name", "ling"));
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.tcp.join.port.try.count", "10");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // a member that vanished without closing its connections (a killed container) is dropped
    // after this silence, not Hazelcast's default minute
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(cluster.getInteger("heartbeatSeconds", 1)));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.getInteger("maxNoHeartbeatSeconds", 10)));
    icmpFailureDetector(hz.getNetworkConfig(), cluster.getJsonObject("icmp", new JsonObject()));
    if (cluster.getBoolean("seed", true)) {
      hz.getMemberAttributeConfig().setAttribute(ClusterNode.SEED_ATTRIBUTE, "true");
    }
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(cluster.getInteger("port", 5701)).setPortAutoIncrement(true).setPortCount(20);
    String networkInterface = blankToNull(cluster.getString("interface"));
    if (networkInterface != null) {
      hz.setProperty("hazelcast.socket.bind.any", "false");
      network.getInterfaces().setEnabled(true).addInterface(networkInterface);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    List<String> members = Arrays.stream(cluster.getString("members", "127.0.0.1").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    // structures vertx-hazelcast relies on, as in its default-cluster.xml
    hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return hz;
  }

  /**
   * A killed container's address goes silent instead of refusing connections, so the heartbeat
   * alone notices it only after {@code maxNoHeartbeatSeconds}. A ping answered by the peer's kernel
   * notices within a few intervals, and a garbage-collection pause cannot fail it. Without the
   * right to open raw sockets the JVM pings by a TCP connection to port 7, where a refusal counts as
   * alive. Off by default: a firewall that drops both between hosts would look like a dead cluster.
   */
  private static void icmpFailureDetector(NetworkConfig network, JsonObject icmp) {
    if (!icmp.getBoolean("enabled", false)) {
      return;
    }
    network.setIcmpFailureDetectorConfig(new IcmpFailureDetectorConfig()
        .setEnabled(true).setParallelMode(true).setFailFastOnStartup(false)
        .setIntervalMilliseconds(icmp.getInteger("intervalMillis", 1000))
        .setTimeoutMilliseconds(icmp.getInteger("timeoutMillis", 300))
        .setMaxAttempts(icmp.getInteger("maxAttempts", 2)));
  }
}
