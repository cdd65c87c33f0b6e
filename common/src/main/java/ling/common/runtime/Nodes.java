package ling.common.runtime;

import com.hazelcast.config.Config;
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

/** Builds the Vert.x instance of a node: plain (one JVM) or clustered over Hazelcast TCP-IP. */
public final class Nodes {

  private Nodes() {
  }

  public static Vertx plain(JsonObject config) {
    return Vertx.builder().with(options(config)).withMetrics(new MicrometerMetricsFactory()).build();
  }

  public static Future<Vertx> clustered(JsonObject config) {
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
        .withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
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
}
