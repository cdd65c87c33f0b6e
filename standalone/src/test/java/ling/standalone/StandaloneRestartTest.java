package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ling.common.config.LingConfig;
import org.junit.jupiter.api.Test;

/** The real standalone start: its own embedded MariaDB in a data directory that outlives a restart. */
class StandaloneRestartTest {

  @Test
  void accountsSurviveARestartOnTheEmbeddedDatabase() throws Exception {
    Path dataDir = Path.of("target", "restart-data").toAbsolutePath();
    JsonObject config = LingConfig.loadNow(Map.of());
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("metrics").put("registryName", "ling-restart");
    String username = TestStack.uniqueName("persist");

    try (Standalone first = Standalone.start(config); Api api = new Api(first.vertx(), first.port())) {
      assertEquals(200, api.get("/health", null).status());
      api.register(username, "survives-restart", null);
    }
    assertTrue(Files.exists(dataDir.resolve("mariadb/data")), "database files are in the data directory");
    assertTrue(Files.exists(dataDir.resolve("keys/access-token-es256.key.pem")), "the generated signing key is kept");

    try (Standalone second = Standalone.start(config); Api api = new Api(second.vertx(), second.port())) {
      assertEquals(200, api.get("/health", null).status());
      var login = api.login(username, "survives-restart");
      assertEquals(200, login.status(), login.text());
      // tokens signed before the restart are still valid: the key came from the data directory
      assertEquals(200, api.get("/me", "Bearer " + login.json().getString("accessToken")).status());
    }
  }
}
