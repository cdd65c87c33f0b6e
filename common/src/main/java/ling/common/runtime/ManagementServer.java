package ling.common.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.PrometheusRequestHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.concurrent.TimeUnit;

/**
 * A node's own port for its operators, apart from the API: {@code /health/live} (the process
 * answers and, when clustered, its cluster member runs), {@code /health/ready} (it has joined the
 * cluster and its parts are ready: database, listening port) and {@code /metrics}. Not to be
 * published beyond the hosts' private network.
 */
public final class ManagementServer {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final ClusterNode node;
  private final Readiness parts;
  private final Handler<HttpServerRequest> metrics;

  private ManagementServer(ClusterNode node, Readiness parts, Handler<HttpServerRequest> metrics) {
    this.node = node;
    this.parts = parts;
    this.metrics = metrics;
  }

  /**
   * Listens on {@code management.host}:{@code management.port}; a negative port means no server.
   *
   * @param node the cluster membership to report, or null for a node outside any cluster
   */
  public static Future<HttpServer> start(Vertx vertx, JsonObject config, ClusterNode node, Readiness parts) {
    JsonObject management = config.getJsonObject("management", new JsonObject());
    int port = management.getInteger("port", -1);
    if (port < 0) {
      return Future.succeededFuture();
    }
    var registry = BackendRegistries.getNow(config.getJsonObject("metrics", new JsonObject())
        .getString("registryName", "ling"));
    Handler<HttpServerRequest> metrics = registry instanceof PrometheusMeterRegistry prometheus
        ? PrometheusRequestHandler.create(prometheus)
        : request -> request.response().setStatusCode(404).end();
    ManagementServer server = new ManagementServer(node, parts, metrics);
    return vertx.createHttpServer().requestHandler(server::handle).listen(port, management.getString("host"));
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      reply(request, 405, new JsonObject().put("error", new JsonObject()
          .put("code", "method_not_allowed").put("message", "only GET is served here")));
      return;
    }
    switch (request.path()) {
      case "/health/live" -> live(request);
      case "/health/ready" -> ready(request);
      case "/metrics" -> metrics.handle(request);
      default -> reply(request, 404, new JsonObject().put("error", new JsonObject()
          .put("code", "not_found").put("message", "no such resource")));
    }
  }

  private void live(HttpServerRequest request) {
    boolean up = node == null || node.running();
    reply(request, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN"));
  }

  private void ready(HttpServerRequest request) {
    JsonObject checks = new JsonObject();
    boolean clusterUp = true;
    if (node != null) {
      clusterUp = node.joined();
      checks.put("cluster", new JsonObject().put("status", clusterUp ? "UP" : "DOWN")
          .put("members", node.members()).put("seed", node.seed()));
    }
    boolean inCluster = clusterUp;
    parts.ready()
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onComplete(result -> {
          JsonObject service = new JsonObject().put("status", result.succeeded() ? "UP" : "DOWN");
          if (result.failed()) {
            service.put("reason", String.valueOf(result.cause().getMessage()));
          }
          checks.put("service", service);
          boolean up = inCluster && result.succeeded();
          reply(request, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks));
        });
  }

  private static void reply(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
