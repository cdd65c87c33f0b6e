package ling.standalone;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ling.account.impl.AccountVerticle;
import ling.assistant.impl.AssistantVerticle;
import ling.chat.impl.ChatVerticle;
import ling.common.config.DataDirectory;
import ling.common.db.EmbeddedMariaDb;
import ling.common.runtime.Nodes;
import ling.file.impl.FileVerticle;
import ling.gateway.impl.GatewayVerticle;
import ling.media.impl.MediaSignalingVerticle;

/**
 * Every service and the gateway in one JVM on the in-JVM event bus. Without a configured
 * database it runs an embedded MariaDB under the data directory.
 */
public final class Standalone implements AutoCloseable {

  /**
   * What {@link #deploy} started: the gateway instances (the first one's port is theirs), which
   * stop first so that they can still reach the services, and the services' deployment ids by name
   * (account, chat, file, media).
   */
  public record Deployment(GatewayVerticle gateway, List<String> gatewayIds, Map<String, String> serviceIds) {

    public Deployment(GatewayVerticle gateway, String gatewayId) {
      this(gateway, List.of(gatewayId), Map.of());
    }

    public int port() {
      return gateway.actualPort();
    }

    /**
     * Undeploys the gateway, then closes Vert.x with the services and their pools. Blocking, for
     * main and tests: a future chained onto a closing Vert.x may never be completed.
     */
    public void closeNow(Vertx vertx) {
      try {
        Future.join(gatewayIds.stream().map(vertx::undeploy).toList()).await();
      } finally {
        vertx.close().await();
      }
    }
  }

  private final Vertx vertx;
  private final EmbeddedMariaDb embedded;
  private final Deployment deployment;

  private Standalone(Vertx vertx, EmbeddedMariaDb embedded, Deployment deployment) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.deployment = deployment;
  }

  /** Starts everything (blocking: call it from main, not from an event loop). */
  public static Standalone start(JsonObject config) throws IOException {
    JsonObject effective = config.copy();
    JsonObject db = effective.getJsonObject("db");
    EmbeddedMariaDb embedded = embeddedUnlessConfigured(db, DataDirectory.of(effective).resolve("mariadb"));
    if (embedded != null) {
      db.mergeIn(embedded.connection());
    }
    Vertx vertx = Nodes.plain(effective);
    try {
      return new Standalone(vertx, embedded, deploy(vertx, effective).await());
    } catch (Exception e) {
      // await() rethrows checked exceptions as they are
      vertx.close().await();
      if (embedded != null) {
        embedded.close();
      }
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** The embedded database in {@code root}, started, when {@code db} names no host; else null. */
  static EmbeddedMariaDb embeddedUnlessConfigured(JsonObject db, Path root) throws IOException {
    String host = db.getString("host");
    return host == null || host.isBlank()
        ? EmbeddedMariaDb.start(root, db.getInteger("embeddedPort"), db.getString("name"), db.getString("user"))
        : null;
  }

  /** Deploys the services, then the gateway that fronts them. */
  public static Future<Deployment> deploy(Vertx vertx, JsonObject config) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    java.util.List<GatewayVerticle> gateways = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Map<String, Future<String>> services = new LinkedHashMap<>();
    services.put("account", vertx.deployVerticle(new AccountVerticle(), options));
    services.put("chat", vertx.deployVerticle(new ChatVerticle(), options));
    services.put("file", vertx.deployVerticle(new FileVerticle(), options));
    services.put("media", vertx.deployVerticle(new MediaSignalingVerticle(), options));
    if (AssistantVerticle.configured(config)) {
      services.put("assistant", vertx.deployVerticle(new AssistantVerticle(), options));
    }
    return Future.all(List.copyOf(services.values()))
        .compose(x -> vertx.deployVerticle(() -> {
          GatewayVerticle gateway = new GatewayVerticle();
          gateways.add(gateway);
          return gateway;
        }, new DeploymentOptions(options).setInstances(gatewayInstances(config.getJsonObject("http")))))
        .map(ids -> {
          Map<String, String> serviceIds = new LinkedHashMap<>();
          services.forEach((name, deployed) -> serviceIds.put(name, deployed.result()));
          return new Deployment(gateways.get(0), List.of(ids), serviceIds);
        });
  }

  /**
   * Several gateway instances share a configured port, each with an event loop of its own for its
   * sockets; a server on port 0 (any free port) would get a port of its own, so there is one.
   */
  private static int gatewayInstances(JsonObject http) {
    return http.getInteger("port") == 0 ? 1 : Math.max(1, http.getInteger("instances", 1));
  }

  public int port() {
    return deployment.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Closes the gateway, then the services and their pools, then the embedded database. */
  @Override
  public void close() {
    deployment.closeNow(vertx);
    if (embedded != null) {
      embedded.close();
    }
  }
}
