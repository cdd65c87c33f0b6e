package ling.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ling.common.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, TestDatabase.connection(), "migrations-test");
  }

  @AfterEach
  void close() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void splitsStatementsAtLineEndingSemicolonsAndDropsComments() {
    List<String> statements = Migrations.statements("-- a comment\nCREATE TABLE a (x INT);\n\n"
        + "INSERT INTO a VALUES (1);\nINSERT INTO a\n  VALUES (';');\n");
    assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "INSERT INTO a\n  VALUES (';')"),
        statements);
  }

  @Test
  void appliesInOrderOnceAndRefusesAChangedScript(@TempDir Path dir) throws IOException {
    Path scripts = Files.createDirectories(dir.resolve("db/mtest"));
    Files.writeString(scripts.resolve("V1.sql"), "CREATE TABLE mtest_item (id INT PRIMARY KEY);\n");
    Files.writeString(scripts.resolve("V2.sql"), "INSERT INTO mtest_item VALUES (1);\nINSERT INTO mtest_item VALUES (2);\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
      assertEquals(2, Migrations.migrate(vertx, pool, "mtest", loader).await());
      // a second start applies nothing again (the inserts would fail on their primary key)
      assertEquals(2, Migrations.migrate(vertx, pool, "mtest", loader).await());
      Row count = pool.query("SELECT COUNT(*) FROM mtest_item").execute().await().iterator().next();
      assertEquals(2L, count.getLong(0));

      Files.writeString(scripts.resolve("V1.sql"), "CREATE TABLE mtest_item (id BIGINT PRIMARY KEY);\n");
      Throwable failure = Migrations.migrate(vertx, pool, "mtest", loader)
          .map(v -> (Throwable) null).otherwise(err -> err).await();
      assertTrue(failure != null && failure.getMessage().contains("V1 was changed"), String.valueOf(failure));
    }
  }
}
