package ling.common.runtime;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import ling.common.config.LingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The entry point of one service as its own process: joins the cluster and deploys the verticle. */
public final class ServiceMain {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {
  }

  public static void run(String name, Supplier<? extends Deployable> verticle) {
    routeJulToSlf4j();
    try {
      JsonObject config = LingConfig.loadNow(System.getenv());
      ClusterNode node = Nodes.join(config).await();
      Vertx vertx = node.vertx();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("{} stopping", name);
        vertx.close().await();
      }, "ling-shutdown"));
      Deployable deployable = verticle.get();
      vertx.deployVerticle(deployable, new DeploymentOptions().setConfig(config)).await();
      Readiness parts = deployable instanceof Readiness r ? r : Future::succeededFuture;
      ManagementServer.start(vertx, config, node, parts).await();
      LOG.info("{} serving in cluster '{}'", name, config.getJsonObject("cluster").getString("name"));
    } catch (Exception e) {
      LOG.error("{} failed to start: {}", name, e.getMessage(), e);
      System.exit(1);
    }
  }

  /** Hazelcast and a few libraries log through java.util.logging. */
  public static void routeJulToSlf4j() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }
}
