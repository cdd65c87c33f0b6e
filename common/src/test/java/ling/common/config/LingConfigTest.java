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
  void aFileVariableSuppliesTheValueWithoutItsLastLineBreak(Vertx vertx, VertxTestContext ctx, @TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("db_password");
    Files.writeString(secret, "s3cret with spaces \n");
    Path port = dir.resolve("port");
    Files.writeString(port, "9200\r\n");
    Map<String, String> env = Map.of("LING_DB_PASSWORD_FILE", secret.toString(), "LING_HTTP_PORT_FILE", port.toString());
    LingConfig.load(vertx, env).onComplete(ctx.succeeding(config -> ctx.verify(() -> {
      assertEquals("s3cret with spaces ", config.getJsonObject("db").getString("password"));
      assertEquals(9200, config.getJsonObject("http").getInteger("port"));
      ctx.completeNow();
    })));
  }

  @Test
  void aValueAndItsFileTogetherStopTheStart(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Path secret = dir.resolve("db_password");
    Files.writeString(secret, "one");
    Map<String, String> env = Map.of("LING_DB_PASSWORD", "two", "LING_DB_PASSWORD_FILE", secret.toString());
    LingConfig.load(vertx, env).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().contains("LING_DB_PASSWORD_FILE"), err.getMessage());
      assertFalse(err.getMessage().contains("two"), "the value stays out of the message");
      ctx.completeNow();
    })));
  }

  @Test
  void anUnreadableFileStopsTheStartWithoutSayingMore(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    Map<String, String> env = Map.of("LING_SMTP_PASSWORD_FILE", dir.resolve("absent").toString());
    LingConfig.load(vertx, env).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().startsWith("LING_SMTP_PASSWORD_FILE names a file that cannot be read"), err.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void camelCaseKeysBecomeSnakeCaseVariables() {
    assertEquals("MAX_POOL_SIZE", EnvironmentOverrides.snake("maxPoolSize"));
    assertEquals("DATA_DIR", EnvironmentOverrides.snake("dataDir"));
    assertEquals("HOST", EnvironmentOverrides.snake("host"));
  }
}
