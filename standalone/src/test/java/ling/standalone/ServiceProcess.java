package ling.standalone;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ling.common.TestDatabase;

/**
 * One Ling service started by its own entry point in a JVM of its own, on the loopback, joining a
 * test's cluster over the shared test database: what a deployment runs, to be killed outright.
 */
final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  private ServiceProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread drain = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, name + "-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts {@code mainClass} as a non-seed member of {@code cluster}, with these settings besides. */
  static ServiceProcess start(String name, String mainClass, String cluster, Map<String, String> settings)
      throws IOException {
    JsonObject db = TestDatabase.connection();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), mainClass).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("LING_CLUSTER_NAME", cluster);
    env.put("LING_CLUSTER_SEED", "false");
    env.put("LING_DB_HOST", db.getString("host"));
    env.put("LING_DB_PORT", String.valueOf(db.getInteger("port")));
    env.put("LING_DB_NAME", db.getString("name"));
    env.put("LING_DB_USER", db.getString("user"));
    env.put("LING_DB_PASSWORD", db.getString("password"));
    env.put("LING_METRICS_REGISTRY_NAME", cluster + "-" + name);
    env.putAll(settings);
    return new ServiceProcess(name, builder.start());
  }

  /** The first group of the first line matching {@code pattern}, waiting for it. */
  String awaitLine(Pattern pattern, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (output) {
        for (String line : output) {
          Matcher match = pattern.matcher(line);
          if (match.find()) {
            return match.groupCount() > 0 ? match.group(1) : line;
          }
        }
      }
      if (!process.isAlive()) {
        break;
      }
      sleep(100);
    }
    throw new AssertionError(name + " printed no line like " + pattern + ":\n" + output());
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster or the database. */
  void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() {
    process.toHandle().destroyForcibly();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
