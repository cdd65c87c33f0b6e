package ling.common.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where a node keeps what must survive a restart (embedded database, generated keys). */
public final class DataDirectory {

  private DataDirectory() {
  }

  /** {@code dataDir} from the configuration, else {@code ~/.ling}: never under the temp dir. */
  public static Path of(JsonObject config) {
    String configured = config.getString("dataDir");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath();
    }
    return Paths.get(System.getProperty("user.home"), ".ling").toAbsolutePath();
  }
}
