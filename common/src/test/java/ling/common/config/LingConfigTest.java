package ling.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class LingConfigTest {

  @Test
  void defaultsApplyWithoutFileOrEnvironment(Vertx vertx, VertxTestContext ctx) {
    LingConfig.load(vertx, Map.of()).onComplete(ctx.succeeding(config -> ctx.verify(() -> {
      assertEquals("127.0.0.1", config.getJsonObject("http").getString("host"));
      assertEquals(8080, config.getJsonObject("http").getInteger("port"));
      assertEquals(null, config.getJsonObject("db").getString("host"));
      ctx.completeNow();
    })));
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentOverridesFile(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ling.json");
    Files.writeString(file, new JsonObject()
        .put("http", new JsonObject().put("port", 9000).put("host", "0.0.0.0"))
        .put("db", new JsonObject().put("maxPoolSize", 3)).encode());
    Map<String, String> env = Map.of(
        "LING_CONFIG", file.toString(),
        "LING_HTTP_PORT", "9100",
        "LING_DB_HOST", "db.example",
        "LING_DB_MAX_POOL_SIZE", " 12 ",
        "LING_METRICS_ENABLED", "false",
        "UNRELATED", "x");
    LingConfig.load(vertx, env).onComplete(ctx.succeeding(config -> ctx.verify(() -> {
      assertEquals(9100, config.getJsonObject("http").getInteger("port"));
      assertEquals("0.0.0.0", config.getJsonObject("http").getString("host"));
      assertEquals("db.example", config.getJsonObject("db").getString("host"));
      assertEquals(12, config.getJsonObject("db").getInteger("maxPoolSize"));
      assertFalse(config.getJsonObject("metrics").getBoolean("enabled"));
      ctx.completeNow();
    })));
  }

  @Test
  void wronglyTypedEnvironmentValueStopsTheStart(Vertx vertx, VertxTestContext ctx) {
    LingConfig.load(vertx, Map.of("LING_HTTP_PORT", "eighty")).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().contains("LING_HTTP_PORT"), err.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void missingNamedFileStopsTheStart(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    LingConfig.load(vertx, Map.of("LING_CONFIG", dir.resolve("absent.json").toString()))
        .onComplete(ctx.failing(err -> ctx.completeNow()));
  }

  @Test
  void camelCaseKeysBecomeSnakeCaseVariables() {
    assertEquals("MAX_POOL_SIZE", EnvironmentOverrides.snake("maxPoolSize"));
    assertEquals("DATA_DIR", EnvironmentOverrides.snake("dataDir"));
    assertEquals("HOST", EnvironmentOverrides.snake("host"));
  }
}
