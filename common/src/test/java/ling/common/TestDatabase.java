package ling.common;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import ling.common.config.LingConfig;
import ling.common.db.EmbeddedMariaDb;

/**
 * One embedded MariaDB per test JVM, under the module's {@code target/}, with a fresh database
 * at every run; and the configuration that points at it.
 */
public final class TestDatabase {

  private static EmbeddedMariaDb db;

  private TestDatabase() {
  }

  /** host, port, name, user, password of the shared test database (started on first use). */
  public static synchronized JsonObject connection() {
    if (db == null) {
      try {
        db = EmbeddedMariaDb.start(Path.of("target", "mariadb").toAbsolutePath(), 0, "ling_test", "ling");
        db.recreateDatabase();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(db::close, "test-mariadb-stop"));
    }
    return db.connection();
  }

  /** Runs statements on the shared test database's server as its administrator. */
  public static void asAdministrator(String sql) {
    connection();
    try {
      db.runAsAdministrator(sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The defaults (no file, no environment) pointed at the test database, a port picked freely and a data dir in target/. */
  public static JsonObject config() {
    JsonObject config = LingConfig.loadNow(Map.of());
    config.getJsonObject("db").mergeIn(connection());
    config.getJsonObject("http").put("port", 0);
    config.put("dataDir", Path.of("target", "test-data").toAbsolutePath().toString());
    return config;
  }
}
