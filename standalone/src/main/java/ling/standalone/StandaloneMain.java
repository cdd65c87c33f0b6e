package ling.standalone;

import io.vertx.core.json.JsonObject;
import ling.common.config.LingConfig;
import ling.common.runtime.ServiceMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ling-server.jar}: the whole server in one process. */
public final class StandaloneMain {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneMain.class);

  private StandaloneMain() {
  }

  public static void main(String[] args) {
    ServiceMain.routeJulToSlf4j();
    try {
      JsonObject config = LingConfig.loadNow(System.getenv());
      Standalone server = Standalone.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("Ling stopping");
        server.close();
        LOG.info("Ling stopped");
      }, "ling-shutdown"));
      String host = config.getJsonObject("http").getString("host");
      System.out.println("Ling is listening on http://" + host + ":" + server.port() + "/api/v1");
    } catch (Exception e) {
      LOG.error("Ling failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
