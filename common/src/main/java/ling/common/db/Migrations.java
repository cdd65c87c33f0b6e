package ling.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations of one service: {@code db/<service>/V1.sql}, {@code V2.sql}, … on
 * the classpath, applied in order and recorded in {@code <service>_schema_history}. A named lock
 * keeps instances that start together from migrating twice; a changed script that was already
 * applied stops the start.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final int LOCK_SECONDS = 60;

  private Migrations() {
  }

  /** Applies pending migrations and completes with the schema version now in force. */
  public static Future<Integer> migrate(Vertx vertx, Pool pool, String service, ClassLoader loader) {
    if (!service.matches("[a-z_]+")) {
      throw new IllegalArgumentException("bad service name " + service);
    }
    return vertx.executeBlocking(() -> load(service, loader))
        .compose(scripts -> pool.withConnection(conn -> locked(conn, service, () -> apply(conn, service, scripts))));
  }

  record Script(int version, String text, String checksum) {
  }

  static List<Script> load(String service, ClassLoader loader) throws IOException {
    List<Script> scripts = new ArrayList<>();
    for (int version = 1; ; version++) {
      try (InputStream in = loader.getResourceAsStream("db/" + service + "/V" + version + ".sql")) {
        if (in == null) {
          return scripts;
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        scripts.add(new Script(version, text, sha256(text)));
      }
    }
  }

  private static <T> Future<T> locked(SqlConnection conn, String service, java.util.function.Supplier<Future<T>> work) {
    String lock = "ling_migrate_" + service;
    return conn.preparedQuery("SELECT GET_LOCK(?, ?)").execute(Tuple.of(lock, LOCK_SECONDS))
        .compose(rows -> {
          Integer got = rows.iterator().next().getInteger(0);
          if (got == null || got != 1) {
            return Future.failedFuture("could not take the migration lock of " + service);
          }
          return work.get().eventually(() ->
              conn.preparedQuery("SELECT RELEASE_LOCK(?)").execute(Tuple.of(lock)));
        });
  }

  private static Future<Integer> apply(SqlConnection conn, String service, List<Script> scripts) {
    String history = service + "_schema_history";
    return conn.query("CREATE TABLE IF NOT EXISTS " + history + " ("
            + "version INT PRIMARY KEY, checksum CHAR(64) NOT NULL, "
            + "applied_at DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3)) ENGINE=InnoDB")
        .execute()
        .compose(x -> conn.query("SELECT version, checksum FROM " + history).execute())
        .compose(rows -> {
          Map<Integer, String> applied = new HashMap<>();
          for (Row row : rows) {
            applied.put(row.getInteger("version"), row.getString("checksum"));
          }
          Future<Integer> chain = Future.succeededFuture(applied.keySet().stream().max(Integer::compare).orElse(0));
          for (Script script : scripts) {
            String known = applied.get(script.version());
            if (known != null) {
              if (!known.equals(script.checksum())) {
                return Future.failedFuture(service + " migration V" + script.version()
                    + " was changed after it was applied");
              }
              continue;
            }
            chain = chain.compose(v -> run(conn, script)
                .compose(y -> conn.preparedQuery("INSERT INTO " + history + " (version, checksum) VALUES (?, ?)")
                    .execute(Tuple.of(script.version(), script.checksum())))
                .map(y -> {
                  LOG.info("{}: applied schema migration V{}", service, script.version());
                  return script.version();
                }));
          }
          return chain;
        });
  }

  private static Future<Void> run(SqlConnection conn, Script script) {
    Future<Void> chain = Future.succeededFuture();
    for (String statement : statements(script.text())) {
      chain = chain.compose(x -> conn.query(statement).execute().mapEmpty());
    }
    return chain;
  }

  /** Splits a script at semicolons that end a line; {@code --} comment lines are dropped. */
  static List<String> statements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
