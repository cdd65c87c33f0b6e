package ling.common.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ling.common.config.LingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real Hazelcast members on the loopback: a node that is not a seed never settles in a cluster of
 * its own, whatever the order of starts, and says so on its management port.
 */
class ClusterJoinTest {

  private final List<ClusterNode> nodes = new ArrayList<>();
  private Vertx client;
  private HttpClient http;
  private static final long WAIT_SECONDS = 30;

  private final String cluster = "join-test-" + Long.toString(System.nanoTime(), 36);

  @AfterEach
  void leave() throws Exception {
    if (http != null) {
      http.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
      client.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    for (ClusterNode node : nodes) {
      node.vertx().close().await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNodeThatFindsNoSeedGivesUpInsteadOfFormingAClusterOfOne() {
    long started = System.nanoTime();
    Exception failure = assertThrows(Exception.class,
        () -> Nodes.join(config(false, 3)).await(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(failure.getMessage().contains("no seed member"), failure.getMessage());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) >= 3, "it kept trying until its deadline");
  }

  @Test
  void aNodeStartedBeforeItsSeedWaitsAndJoinsTheSeedsCluster() throws Exception {
    Future<ClusterNode> early = Nodes.join(config(false, 60)).andThen(done -> {
      if (done.succeeded()) {
        nodes.add(done.result());
      }
    });
    Thread.sleep(2_500);
    assertFalse(early.isComplete(), "no cluster was claimed before the seed came");
    ClusterNode seed = Nodes.join(config(true, 60)).await(WAIT_SECONDS * 3, TimeUnit.SECONDS);
    nodes.add(seed);
    ClusterNode joined = early.await(WAIT_SECONDS * 3, TimeUnit.SECONDS);
    assertEquals(2, joined.members());
    assertTrue(joined.seesASeed());
    assertTrue(joined.joined());
    assertEquals(2, seed.members());
  }

  @Test
  void theManagementPortSaysLiveReadyAndWhyNot() throws Exception {
    JsonObject config = config(true, 30);
    config.getJsonObject("management").put("port", 0);
    ClusterNode seed = Nodes.join(config).await(WAIT_SECONDS, TimeUnit.SECONDS);
    nodes.add(seed);
    AtomicBoolean databaseUp = new AtomicBoolean(true);
    Readiness parts = () -> databaseUp.get() ? Future.succeededFuture() : Future.failedFuture("database: no answer");
    int port = ManagementServer.start(seed.vertx(), config, seed, parts).await(WAIT_SECONDS, TimeUnit.SECONDS)
        .actualPort();
    client = Vertx.vertx();
    http = client.createHttpClient();

    assertEquals(200, get(port, HttpMethod.GET, "/health/live"));
    Reply ready = body(port, "/health/ready");
    assertEquals(200, ready.status());
    assertEquals("UP", ready.json().getString("status"));
    assertEquals(1, ready.json().getJsonObject("checks").getJsonObject("cluster").getInteger("members"));

    databaseUp.set(false);
    Reply notReady = body(port, "/health/ready");
    assertEquals(503, notReady.status());
    assertEquals("DOWN", notReady.json().getJsonObject("checks").getJsonObject("service").getString("status"));
    assertEquals("database: no answer", notReady.json().getJsonObject("checks").getJsonObject("service").getString("reason"));
    assertEquals(200, get(port, HttpMethod.GET, "/health/live"), "not ready is not dead");

    Reply metrics = body(port, "/metrics");
    assertEquals(200, metrics.status());
    assertTrue(metrics.text().contains("jvm_memory_used_bytes"), "Prometheus text");
    assertEquals(404, get(port, HttpMethod.GET, "/health"));
    assertEquals(405, get(port, HttpMethod.POST, "/health/ready"));
  }

  private record Reply(int status, String text) {
    JsonObject json() {
      return new JsonObject(text);
    }
  }

  private int get(int port, HttpMethod method, String path) throws Exception {
    return http.request(request(port, path).setMethod(method))
        .compose(r -> r.send())
        .compose(response -> response.body().map(b -> response.statusCode()))
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private Reply body(int port, String path) throws Exception {
    return http.request(request(port, path))
        .compose(r -> r.send())
        .compose(response -> response.body().map(b -> new Reply(response.statusCode(), b.toString())))
        .await(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static RequestOptions request(int port, String path) {
    return new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(path).setIdleTimeout(WAIT_SECONDS * 1000);
  }

  private JsonObject config(boolean seed, int joinTimeoutSeconds) {
    JsonObject config = LingConfig.loadNow(java.util.Map.of());
    config.getJsonObject("cluster").put("name", cluster).put("seed", seed)
        .put("joinTimeoutSeconds", joinTimeoutSeconds);
    config.getJsonObject("metrics").put("registryName", cluster + (seed ? "-seed" : "-node") + nodes.size());
    return config;
  }
}
