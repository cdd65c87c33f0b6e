package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ling.account.impl.AccountVerticle;
import ling.common.TestDatabase;
import ling.gateway.impl.GatewayVerticle;
import ling.standalone.Api.Reply;
import org.junit.jupiter.api.Test;

class HealthApiTest {

  @Test
  void healthIsUpWhenEveryServiceAndTheDatabaseAnswer() {
    TestStack stack = TestStack.shared();
    try (Api api = new Api(stack.vertx, stack.port)) {
      Reply health = api.get("/health", null);
      assertEquals(200, health.status(), health.text());
      JsonObject body = health.json();
      assertEquals("UP", body.getString("status"));
      for (String service : new String[] {"gateway", "account", "chat", "file", "media"}) {
        assertEquals("UP", body.getJsonObject("checks").getJsonObject(service).getString("status"), service);
      }
      assertEquals("UP", body.getJsonObject("checks").getJsonObject("account").getJsonObject("database")
          .getString("status"));
    }
  }

  @Test
  void healthIsDownNamingTheServicesThatDoNotAnswer() {
    Vertx vertx = Vertx.vertx();
    JsonObject config = TestDatabase.config();
    config.getJsonObject("auth").mergeIn(TestStack.SIGNING_KEYS);
    config.getJsonObject("metrics").put("registryName", "ling-health-down");
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    GatewayVerticle gateway = new GatewayVerticle();
    vertx.deployVerticle(new AccountVerticle(), options).await();
    vertx.deployVerticle(gateway, options).await();
    try (Api api = new Api(vertx, gateway.actualPort())) {
      Reply health = api.get("/health", null);
      assertEquals(503, health.status());
      JsonObject checks = health.json().getJsonObject("checks");
      assertEquals("DOWN", health.json().getString("status"));
      assertEquals("UP", checks.getJsonObject("account").getString("status"));
      assertEquals("DOWN", checks.getJsonObject("chat").getString("status"));
      assertEquals("DOWN", checks.getJsonObject("media").getString("status"));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void metricsArePrometheusText() {
    TestStack stack = TestStack.shared();
    try (Api api = new Api(stack.vertx, stack.port)) {
      api.get("/health", null);
      Reply metrics = api.get("/metrics", null);
      assertEquals(200, metrics.status());
      assertTrue(metrics.headers().get("Content-Type").startsWith("text/plain"), metrics.headers().get("Content-Type"));
      assertTrue(metrics.text().contains("# TYPE vertx_http_server_requests"), "no HTTP server metrics");
      assertTrue(metrics.text().contains("jvm_memory_used_bytes"), "no JVM metrics");
    }
  }

  @Test
  void metricsCanBeKeptOffThePublicApi() {
    TestStack stack = TestStack.start(config -> config.getJsonObject("metrics").put("onApi", false));
    try (Api api = new Api(stack.vertx, stack.port)) {
      Reply metrics = api.get("/metrics", null);
      assertEquals(404, metrics.status());
      assertEquals("not_found", metrics.errorCode());
      assertEquals(200, api.get("/health", null).status());
    } finally {
      stack.close();
    }
  }
}
