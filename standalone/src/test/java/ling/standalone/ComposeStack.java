package ling.standalone;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stack of {@code deploy/compose.yaml} as a compose project that the test run made: commands
 * for it, and what its containers say. Only this project's containers are ever addressed.
 */
final class ComposeStack {

  /** The Ling services and how many replicas of each the test runs. */
  static final Map<String, Integer> LING_SERVICES = Map.of(
      "account", 1, "chat-service", 3, "file", 1, "media", 1, "gateway", 2, "assistant", 1);
  static final int LING_NODES = LING_SERVICES.values().stream().mapToInt(Integer::intValue).sum();

  final String project;
  private final List<String> composeCommand;
  private final String composeFile;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  ComposeStack(String project, String composeCommand, String composeFile) {
    this.project = project;
    this.composeCommand = Arrays.asList(composeCommand.strip().split("\\s+"));
    this.composeFile = composeFile;
  }

  /** {@code compose -p <project> -f <file> <args>}; fails the test on a non-zero exit. */
  String compose(String... args) {
    List<String> command = new ArrayList<>(composeCommand);
    command.addAll(List.of("-p", project, "-f", composeFile));
    command.addAll(List.of(args));
    return run(command, 600);
  }

  /** {@code up -d} at the test's scale, without building again. */
  void up() {
    compose("up", "-d", "--no-build", "--scale", "chat-service=3", "--scale", "gateway=2");
  }

  String docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return run(command, 300);
  }

  /** The ids of the project's running containers, of one service or of all (null). */
  List<String> containers(String service) {
    List<String> args = new ArrayList<>(List.of("ps", "-q", "--filter", "label=com.docker.compose.project=" + project));
    if (service != null) {
      args.addAll(List.of("--filter", "label=com.docker.compose.service=" + service));
    }
    return docker(args.toArray(String[]::new)).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Every container of the project, running or not. */
  List<String> allContainers() {
    return docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).lines()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  String address(String container) {
    return docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container).strip();
  }

  String health(String container) {
    return docker("inspect", "-f", "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}",
        container).strip();
  }

  /** A node's readiness from its management port, or null when it does not answer. */
  JsonObject readiness(String container) {
    String address = address(container);
    if (address.isEmpty()) {
      return null;
    }
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://" + address + ":8081/health/ready")).timeout(Duration.ofSeconds(4)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body()).put("httpStatus", response.statusCode());
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A node's Prometheus text from its management port. */
  String metrics(String container) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + address(container) + ":8081/metrics"))
        .timeout(Duration.ofSeconds(4)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /**
   * Waits until every Ling node runs at the test's scale, is healthy, and sees the whole cluster;
   * returns how long that took.
   */
  Duration awaitWholeCluster(Duration limit) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = clusterState();
      if (last.isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      sleep(2_000);
    }
    throw new AssertionError("the cluster did not form whole within " + limit + ": " + last);
  }

  /** What keeps the stack from being whole, or "" when nothing does. */
  private String clusterState() {
    StringBuilder missing = new StringBuilder();
    for (Map.Entry<String, Integer> service : LING_SERVICES.entrySet()) {
      List<String> running = containers(service.getKey());
      if (running.size() != service.getValue()) {
        missing.append(service.getKey()).append(": ").append(running.size()).append(" running; ");
        continue;
      }
      for (String container : running) {
        JsonObject ready = readiness(container);
        int members = ready == null ? -1 : ready.getJsonObject("checks", new JsonObject())
            .getJsonObject("cluster", new JsonObject()).getInteger("members", -1);
        if (ready == null || ready.getInteger("httpStatus") != 200 || members != LING_NODES
            || !"healthy".equals(health(container))) {
          missing.append(service.getKey()).append(' ').append(container, 0, 12).append(": ")
              .append(ready == null ? "no answer" : ready.encode()).append(' ').append(health(container)).append("; ");
        }
      }
    }
    for (String other : List.of("mariadb", "proxy", "coturn")) {
      if (containers(other).size() != 1) {
        missing.append(other).append(" not running; ");
      }
    }
    return missing.toString();
  }

  /** Prints every container's log, for a failed run. */
  void printLogs() {
    for (String container : allContainers()) {
      try {
        String name = docker("inspect", "-f", "{{.Name}}", container).strip();
        System.out.println("===== " + name + " =====");
        System.out.println(run(List.of("docker", "logs", "--tail", "400", container), 60));
      } catch (AssertionError e) {
        System.out.println("(no log: " + e.getMessage() + ")");
      }
    }
  }

  private static String run(List<String> command, int timeoutSeconds) {
    try {
      java.nio.file.Path output = java.nio.file.Files.createTempFile("compose", ".out");
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      String text = java.nio.file.Files.readString(output, StandardCharsets.UTF_8);
      java.nio.file.Files.delete(output);
      if (!ended) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + ": no end within " + timeoutSeconds + " s:\n" + text);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new AssertionError(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
