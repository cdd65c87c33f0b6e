package ling.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Loads the configuration: the defaults in the jar, then the JSON file named by {@code LING_CONFIG}
 * (if any), then {@code LING_*} environment variables, each overriding the one before.
 *
 * <p>An environment variable overrides a key that the defaults declare: {@code db.maxPoolSize} is
 * {@code LING_DB_MAX_POOL_SIZE}, {@code dataDir} is {@code LING_DATA_DIR}.
 */
public final class LingConfig {

  public static final String DEFAULTS_RESOURCE = "ling-defaults.json";
  public static final String FILE_VARIABLE = "LING_CONFIG";

  private LingConfig() {
  }

  /** Loads with a short-lived Vert.x of its own, blocking: for {@code main} methods and tests only. */
  public static JsonObject loadNow(Map<String, String> env) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return load(bootstrap, env).await();
    } finally {
      bootstrap.close().await();
    }
  }

  public static Future<JsonObject> load(Vertx vertx, Map<String, String> env) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setScanPeriod(-1)
        .addStore(jsonFile(DEFAULTS_RESOURCE));
    String file = env.get(FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      options.addStore(jsonFile(file));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .andThen(done -> retriever.close())
        .map(config -> EnvironmentOverrides.apply(config, env));
  }

  private static ConfigStoreOptions jsonFile(String path) {
    return new ConfigStoreOptions().setType("file").setFormat("json")
        .setConfig(new JsonObject().put("path", path));
  }
}
