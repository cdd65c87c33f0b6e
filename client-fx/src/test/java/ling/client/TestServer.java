package ling.client;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import ling.common.TestDatabase;
import ling.common.runtime.Nodes;
import ling.standalone.Standalone;

/** The real server, all services and the gateway, on the shared test database, for the JVM. */
final class TestServer {

  private static TestServer shared;

  final Vertx vertx;
  final Standalone.Deployment deployment;

  private TestServer(Vertx vertx, Standalone.Deployment deployment) {
    this.vertx = vertx;
    this.deployment = deployment;
  }

  static synchronized TestServer shared() {
    if (shared == null) {
      JsonObject config = TestDatabase.config();
      // every client of the tests signs up from 127.0.0.1
      config.getJsonObject("rateLimit").put("registrationsPerAddress", 100_000).put("loginFailuresPerAddress", 100_000);
      config.getJsonObject("metrics").put("registryName", "ling-client-test");
      Vertx vertx = Nodes.plain(config);
      shared = new TestServer(vertx, Standalone.deploy(vertx, config).await());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.deployment.closeNow(shared.vertx)));
    }
    return shared;
  }

  String address() {
    return "127.0.0.1:" + deployment.port();
  }

  static String uniqueName(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }
}
