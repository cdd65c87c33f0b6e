package ling.gateway.impl.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import ling.api.ServiceHealth;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.file.FileService;
import ling.api.media.MediaSignalingService;

/** {@code /health}: every service answers over the bus and its database answers; {@code /metrics}: Prometheus. */
final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 3_000;

  private final Map<String, Supplier<Future<ServiceHealth>>> checks = new LinkedHashMap<>();
  private final String registryName;
  private final boolean metricsOnApi;

  /** @param metricsOnApi whether {@code /metrics} is served here too (else only on the management port) */
  HealthRoutes(Vertx vertx, String registryName, boolean metricsOnApi) {
    this.registryName = registryName;
    this.metricsOnApi = metricsOnApi;
    AccountService accounts = AccountService.createProxy(vertx);
    ChatService chat = ChatService.createProxy(vertx);
    FileService files = FileService.createProxy(vertx);
    MediaSignalingService media = MediaSignalingService.createProxy(vertx);
    checks.put("account", accounts::health);
    checks.put("chat", chat::health);
    checks.put("file", files::health);
    checks.put("media", media::health);
  }

  void mount(Router api) {
    api.get("/health").handler(this::health);
    if (metricsOnApi) {
      api.get("/metrics").handler(PrometheusScrapingHandler.create(registryName));
    }
  }

  private void health(RoutingContext ctx) {
    List<String> names = List.copyOf(checks.keySet());
    List<Future<ServiceHealth>> results = names.stream().map(name -> check(checks.get(name))).toList();
    Future.join(results).onComplete(done -> {
      JsonObject details = new JsonObject().put("gateway", ServiceHealth.up().toJson());
      boolean up = true;
      for (int i = 0; i < names.size(); i++) {
        ServiceHealth result = results.get(i).result();
        details.put(names.get(i), result.toJson());
        up &= result.passed();
      }
      Responses.json(ctx, up ? 200 : 503, new JsonObject()
          .put("status", up ? ServiceHealth.UP : ServiceHealth.DOWN).put("checks", details));
    });
  }

  /** A check that never fails: a timeout or an error is a DOWN with its reason. */
  private Future<ServiceHealth> check(Supplier<Future<ServiceHealth>> probe) {
    return probe.get()
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .otherwise(err -> ServiceHealth.down("no answer on the event bus"));
  }
}
