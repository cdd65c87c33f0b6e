package ling.common.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties the embedded {@code mariadbd} to the JVM that started it. A JVM killed outright leaves its
 * database running, holding the data directory's locks; so a watcher process stops the database
 * once the JVM is gone, and a start first stops a database still running on the same directory
 * (found by its pid file and recognised by its socket path on its command line, so that no other
 * process is ever touched).
 */
final class OrphanGuard {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);

  private final Path pidFile;
  private final String marker;
  private Process watcher;

  /**
   * @param pidFile where mariadbd writes its pid
   * @param marker a string only this directory's mariadbd has on its command line
   */
  OrphanGuard(Path pidFile, String marker) {
    this.pidFile = pidFile;
    this.marker = marker;
  }

  /** Stops a mariadbd left running on this directory by an earlier process, and waits for it. */
  void stopOrphan() {
    Optional<ProcessHandle> orphan = ours();
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    LOG.warn("stopping the embedded MariaDB (pid {}) that an earlier run left on {}", process.pid(), pidFile.getParent());
    process.destroy();
    try {
      process.onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }
  }

  /** Starts the watcher that stops the database should this JVM die without stopping it. */
  void watch() {
    String script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
        + "pid=$(cat \"$2\" 2>/dev/null) && grep -qF -- \"$3\" \"/proc/$pid/cmdline\" 2>/dev/null && kill \"$pid\"";
    try {
      watcher = new ProcessBuilder("sh", "-c", script, "ling-db-watch",
          Long.toString(ProcessHandle.current().pid()), pidFile.toString(), marker)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      LOG.info("no watcher for the embedded MariaDB ({}): a JVM killed outright leaves it running", e.getMessage());
    }
  }

  /** The JVM stops the database itself: the watcher is not needed any more. */
  void unwatch() {
    if (watcher != null) {
      watcher.destroy();
    }
  }

  private Optional<ProcessHandle> ours() {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
      Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
      Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (process.isEmpty() || !Files.exists(cmdline)) {
        return Optional.empty();
      }
      String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      return command.contains(marker) ? process : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
