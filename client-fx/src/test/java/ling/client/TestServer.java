package ling.client;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
  /** The server's SMTP server: password reset codes arrive here. */
  final GreenMail mail;

  private TestServer(Vertx vertx, Standalone.Deployment deployment, GreenMail mail) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.mail = mail;
  }

  static synchronized TestServer shared() {
    if (shared == null) {
      GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
      JsonObject config = TestDatabase.config();
      config.getJsonObject("smtp").put("host", "127.0.0.1").put("port", mail.getSmtp().getPort());
      // every client of the tests signs up from 127.0.0.1
      config.getJsonObject("rateLimit").put("registrationsPerAddress", 100_000).put("loginFailuresPerAddress", 100_000);
      config.getJsonObject("metrics").put("registryName", "ling-client-test");
      Vertx vertx = Nodes.plain(config);
      shared = new TestServer(vertx, Standalone.deploy(vertx, config).await(), mail);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.deployment.closeNow(shared.vertx)));
    }
    return shared;
  }

  private static TestServer assisted;
  private static ling.assistant.FakeOpenAi backend;

  /**
   * A second server on the same database whose assistant answers from a stand-in backend (the
   * shared one has none, as a server without a backend configured).
   */
  static synchronized TestServer withAssistant() {
    if (assisted == null) {
      // a database of its own: the shared server's outbox relay must not deliver this one's changes
      JsonObject database = TestDatabase.connection();
      String name = "ling_client_assistant";
      TestDatabase.asAdministrator("DROP DATABASE IF EXISTS " + name + "; CREATE DATABASE " + name
          + " CHARACTER SET utf8mb4;"
          + "GRANT ALL ON " + name + ".* TO '" + database.getString("user") + "'@'localhost';"
          + "GRANT ALL ON " + name + ".* TO '" + database.getString("user") + "'@'127.0.0.1';");
      JsonObject config = TestDatabase.config();
      config.getJsonObject("db").put("name", name);
      config.put("dataDir", config.getString("dataDir") + "-assistant");
      config.getJsonObject("rateLimit").put("registrationsPerAddress", 100_000).put("loginFailuresPerAddress", 100_000);
      config.getJsonObject("metrics").put("registryName", "ling-client-assistant-test");
      Vertx vertx = Nodes.plain(config);
      backend = ling.assistant.FakeOpenAi.start(vertx);
      config.getJsonObject("assistant").put("baseUrl", backend.baseUrl()).put("model", "test-model")
          .put("quotaQuestions", 5).put("idleTimeoutMillis", 3000);
      assisted = new TestServer(vertx, Standalone.deploy(vertx, config).await(), null);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> assisted.deployment.closeNow(assisted.vertx)));
    }
    return assisted;
  }

  /** The stand-in backend of {@link #withAssistant()}. */
  static ling.assistant.FakeOpenAi assistantBackend() {
    withAssistant();
    return backend;
  }

  String address() {
    return "127.0.0.1:" + deployment.port();
  }

  static String uniqueName(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }
}
