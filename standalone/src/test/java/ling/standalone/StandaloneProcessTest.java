package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone server as its own process. Stopped (SIGTERM), it stops in order: the pools, then
 * the database, without errors. Killed outright (kill -9), its embedded database does not outlive
 * it, and should one be left running all the same, the next start stops it and runs.
 */
class StandaloneProcessTest {

  private Path dataDir;
  private Process server;
  private final List<String> output = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private Thread drain;

  @AfterEach
  void cleanUp() throws IOException {
    if (server != null) {
      server.destroyForcibly();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void aStoppedServerClosesItsPoolsThenItsDatabaseWithoutErrors() throws Exception {
    long database = startServerProcess();
    // SIGTERM, keeping its output open (Process.destroy would close it)
    server.toHandle().destroy();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped");
    ProcessHandle.of(database).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    drain.join(10_000);
    List<String> lines = List.copyOf(output);
    int stopping = lines.indexOf(lines.stream().filter(l -> l.contains("Ling stopping")).findFirst()
        .orElseThrow(() -> new AssertionError("no stop was logged: " + lines)));
    List<String> afterStop = lines.subList(stopping, lines.size());
    assertTrue(afterStop.stream().anyMatch(l -> l.contains("Ling stopped")), String.join("\n", afterStop));
    assertTrue(afterStop.stream().noneMatch(l -> l.contains(" ERROR ") || l.contains("Exception")),
        String.join("\n", afterStop));
  }

  @Test
  void theDatabaseOfAKilledServerStopsWithIt() throws Exception {
    long database = startServerProcess();
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertTrue(ProcessHandle.of(database).map(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS))
        .map(exit -> {
          exit.join();
          return true;
        }).orElse(true), "the database stopped");
    assertStartsAgain();
  }

  @Test
  void aDatabaseLeftRunningIsStoppedByTheNextStart() throws Exception {
    long database = startServerProcess();
    // as on a platform without the watcher: nothing stops the database when the server dies
    ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains("ling-db-watch"))
        .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
            .anyMatch(arg -> arg.startsWith(dataDir.toString())))
        .forEach(ProcessHandle::destroyForcibly);
    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Thread.sleep(1_500);
    assertTrue(ProcessHandle.of(database).map(ProcessHandle::isAlive).orElse(false), "an orphan is left");
    assertStartsAgain();
    assertTrue(ProcessHandle.of(database).map(p -> !p.isAlive()).orElse(true), "the orphan was stopped");
  }

  private void assertStartsAgain() throws Exception {
    JsonObject config = TestStack.standaloneConfig(dataDir, "ling-orphan-" + System.nanoTime());
    long started = System.nanoTime();
    try (Standalone again = Standalone.start(config); Api api = new Api(again.vertx(), again.port())) {
      assertEquals(200, api.get("/health", null).status());
    }
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30, "started without waiting on locks");
  }

  /** The standalone server as its own process, as users run it; returns its database's pid. */
  private long startServerProcess() throws Exception {
    dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "ling-orphan");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "ling.standalone.StandaloneMain").redirectErrorStream(true);
    builder.environment().put("LING_DATA_DIR", dataDir.toString());
    builder.environment().put("LING_HTTP_PORT", "0");
    server = builder.start();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    drain = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          output.add(line);
          if (line.startsWith("Ling is listening")) {
            listening.complete(null);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
      listening.completeExceptionally(new AssertionError("the server ended before it listened"));
    }, "orphan-test-output");
    drain.setDaemon(true);
    drain.start();
    listening.get(120, TimeUnit.SECONDS);
    long pid = Long.parseLong(Files.readString(dataDir.resolve("mariadb/mariadbd.pid")).strip());
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    return pid;
  }
}
