package ling.standalone;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import ling.account.impl.AccountVerticle;
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

  private final Vertx vertx;
  private final EmbeddedMariaDb embedded;
  private final GatewayVerticle gateway;

  private Standalone(Vertx vertx, EmbeddedMariaDb embedded, GatewayVerticle gateway) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.gateway = gateway;
  }

  /** Starts everything (blocking: call it from main, not from an event loop). */
  public static Standalone start(JsonObject config) throws IOException {
    JsonObject effective = config.copy();
    EmbeddedMariaDb embedded = null;
    JsonObject db = effective.getJsonObject("db");
    String host = db.getString("host");
    if (host == null || host.isBlank()) {
      Path root = DataDirectory.of(effective).resolve("mariadb");
      embedded = EmbeddedMariaDb.start(root, db.getInteger("embeddedPort"), db.getString("name"), db.getString("user"));
      db.mergeIn(embedded.connection());
    }
    Vertx vertx = Nodes.plain(effective);
    try {
      GatewayVerticle gateway = deploy(vertx, effective).await();
      return new Standalone(vertx, embedded, gateway);
    } catch (Exception e) {
      // await() rethrows checked exceptions as they are
      vertx.close().await();
      if (embedded != null) {
        embedded.close();
      }
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** Deploys the services, then the gateway that fronts them. */
  public static Future<GatewayVerticle> deploy(Vertx vertx, JsonObject config) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    GatewayVerticle gateway = new GatewayVerticle();
    return Future.all(
            vertx.deployVerticle(new AccountVerticle(), options),
            vertx.deployVerticle(new ChatVerticle(), options),
            vertx.deployVerticle(new FileVerticle(), options),
            vertx.deployVerticle(new MediaSignalingVerticle(), options))
        .compose(x -> vertx.deployVerticle(gateway, options))
        .map(id -> gateway);
  }

  public int port() {
    return gateway.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Closes servers and pools (by undeploying everything), then the embedded database. */
  @Override
  public void close() {
    vertx.close().await();
    if (embedded != null) {
      embedded.close();
    }
  }
}
