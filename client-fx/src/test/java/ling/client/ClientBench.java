package ling.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed and memory a user of the desktop client feels, against a real server in a process of
 * its own: how soon the sign-in window appears, how a conversation of 100,000 messages opens and
 * scrolls back, and how much memory the client holds after scrolling back through 5,000 messages
 * with pictures. The client runs alone in a JVM started as the package starts it (jvm.options, and
 * the app image's runtime and archive when the image is built), driven by {@link BenchClient}.
 * Run by hand (docs/performance.md), not in the build:
 * {@code mvn -pl client-fx test -Dtest=ClientBench -Dling.bench=client}; figures go to the console
 * and to {@code client-fx/target/client-bench.txt}. {@code -Dling.bench.clientJvm=...} adds options
 * to the client's JVM, e.g. native memory tracking.
 */
@EnabledIfSystemProperty(named = "ling.bench", matches = "client")
class ClientBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TEXTS = Integer.getInteger("ling.bench.texts", 100_000);
  private static final int IMAGES = Integer.getInteger("ling.bench.images", 5_000);
  private static final int DISTINCT_PICTURES = Integer.getInteger("ling.bench.pictures", 1_000);
  private static final int LAUNCHES = 5;
  /** The JVM options the package starts the client with. */
  private static final String PACKAGE_JVM = readPackageJvm();
  /** Options for the client's run beyond the package's, to see where its memory goes (NMT, GC logs). */
  private static final String EXTRA_JVM = System.getProperty("ling.bench.clientJvm", "");
  private static final ScheduledExecutorService STOPPER = Executors.newSingleThreadScheduledExecutor(work -> {
    Thread thread = new Thread(work, "bench-stopper");
    thread.setDaemon(true);
    return thread;
  });

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> report = new ArrayList<>();
  private String base;

  @Test
  void theClientFeelsFast() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    line("client benchmark on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; the client runs with " + PACKAGE_JVM + " " + EXTRA_JVM);
    // launch: the sign-in window, in a fresh JVM each time, as the packaged client starts (jvm.options);
    // before the server starts, which would share the cores
    // the client's jar on the JDK, and the app image when it is built (its runtime and its archive of a start)
    ClientJvm onJdk = new ClientJvm("the client's jar", List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()), Path.of("target", "ling-client.jar"));
    ClientJvm client = onJdk;
    launches(onJdk);
    Path image = Path.of("target", "dist", "Ling", "lib");
    if (Files.exists(image.resolve(Path.of("app", "ling.jsa")))) {
      client = new ClientJvm("the app image, with its class data archive", List.of(
          image.resolve(Path.of("runtime", "bin", "java")).toString(),
          "-XX:SharedArchiveFile=" + image.resolve(Path.of("app", "ling.jsa")).toAbsolutePath()),
          image.resolve(Path.of("app", "ling-client.jar")).toAbsolutePath());
      launches(client);
    }
    Process server = startServer(port);
    try {
      base = "http://127.0.0.1:" + port + "/api/v1/";

      Account reader = register("reader");
      Account talker = register("talker");
      Account painter = register("painter");
      long texts = befriend(reader, talker);
      long pictures = befriend(reader, painter);
      long seeding = System.nanoTime();
      seed(talker, texts, "texts", TEXTS, 0);
      line("seeded " + TEXTS + " texts in " + (System.nanoTime() - seeding) / 1_000_000 + " ms");
      seeding = System.nanoTime();
      seed(painter, pictures, "pictures", IMAGES, DISTINCT_PICTURES);
      line("seeded " + IMAGES + " image messages (" + DISTINCT_PICTURES + " distinct 640x480 pictures) in "
          + (System.nanoTime() - seeding) / 1_000_000 + " ms");

      // what the server takes for the newest page, asked directly: the client cannot be quicker
      List<Long> served = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        long asked = System.nanoTime();
        call("GET", "conversations/" + texts + "/messages?limit=50", reader.token(), null);
        served.add((System.nanoTime() - asked) / 1_000_000);
      }
      Collections.sort(served);
      line("the server answers the newest page of 50 in median " + served.get(3) + " ms (7 requests)");
      // the client alone in its JVM, as the package runs it: it signs in, scrolls and reports
      drive(client, reader, "127.0.0.1:" + port, texts, pictures);
      Files.write(Path.of("target", "client-bench.txt"), report);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private record Account(long id, String username, String password, String token) {
  }

  /** How the client is started: the JVM's command with its own options, and the client's jar. */
  private record ClientJvm(String what, List<String> java, Path jar) {
  }

  /**
   * Runs {@link BenchClient} in a JVM of its own, as the package starts the client, and takes
   * its report; it fails if the client does not get through.
   */
  private void drive(ClientJvm jvm, Account reader, String server, long texts, long pictures) throws Exception {
    String driver = Path.of(BenchClient.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> command = clientCommand(jvm, List.of(EXTRA_JVM.trim().split("\\s+")),
        classPath(jvm.jar()) + java.io.File.pathSeparator + driver, dir.resolve("client"));
    command.addAll(List.of("-Dling.bench.jdk=" + System.getProperty("java.home"),
        "-Dling.bench.histogram=" + Boolean.getBoolean("ling.bench.histogram"), BenchClient.class.getName(), server,
        reader.username(), reader.password(), Long.toString(texts), Integer.toString(Math.min(3_000, TEXTS)),
        Long.toString(pictures), Integer.toString(IMAGES), dir.resolve("profile").toString()));
    line("the client runs alone: " + jvm.what());
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    ScheduledFuture<?> limit = stopAfter(client, 30);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      for (String row = out.readLine(); row != null; row = out.readLine()) {
        if (row.startsWith("report: ")) {
          line(row.substring("report: ".length()));
        } else {
          System.out.println("[client-bench]   " + row);
        }
      }
      assertTrue(client.waitFor(1, TimeUnit.MINUTES) && client.exitValue() == 0, "the client got through");
    } finally {
      limit.cancel(false);
      client.destroyForcibly();
    }
  }

  /** Launches of one kind, reported: how soon the sign-in window is drawn and the client's resident memory then. */
  private void launches(ClientJvm jvm) throws Exception {
    List<Long> millis = new ArrayList<>();
    List<Long> resident = new ArrayList<>();
    for (int i = 0; i < LAUNCHES; i++) {
      long[] launch = launch(jvm);
      millis.add(launch[0]);
      resident.add(launch[1]);
    }
    Collections.sort(millis);
    Collections.sort(resident);
    line("sign-in window after launch (" + (Files.exists(jvm.jar()) ? jvm.what() : "the test class path")
        + "): median " + millis.get(LAUNCHES / 2) + " ms, worst " + millis.get(LAUNCHES - 1) + " ms (" + LAUNCHES
        + " launches with " + PACKAGE_JVM + "); the client then " + resident.get(LAUNCHES / 2) + " MB resident");
  }

  /**
   * A fresh JVM of the client, as the package starts it, until its window is drawn on the
   * (headless) screen: the milliseconds from the process's start, and its resident MB then.
   */
  private long[] launch(ClientJvm jvm) throws Exception {
    List<String> command = clientCommand(jvm, List.of(), classPath(jvm.jar()), dir.resolve("launch"));
    command.addAll(List.of("-Dling.reportStartup=true", "ling.client.Launcher"));
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    // a jar built before the window reported its start would never say: it is stopped after a minute
    ScheduledFuture<?> limit = stopAfter(client, 1);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ling: window shown ")) {
          long millis = Long.parseLong(line.replaceAll("\\D+", " ").trim().split(" ")[0]);
          Thread.sleep(1000);
          return new long[] {millis, BenchClient.statusMb(Path.of("/proc", Long.toString(client.pid()), "status"), "VmRSS:")};
        }
      }
      throw new AssertionError("the client ended without reporting its window (is " + jvm.jar() + " current?)");
    } finally {
      limit.cancel(false);
      client.destroyForcibly();
      client.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A client JVM as the package starts it (its options, with any given beside them) on the
   * headless screen, up to its main class.
   */
  private static List<String> clientCommand(ClientJvm jvm, List<String> extraOptions, String classPath, Path home) {
    List<String> command = new ArrayList<>(jvm.java());
    command.addAll(List.of(PACKAGE_JVM.split("\\s+")));
    extraOptions.stream().filter(option -> !option.isBlank()).forEach(command::add);
    command.addAll(List.of("-cp", classPath, "-Dling.home=" + home, "-Dglass.platform=Monocle",
        "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dheadless.geometry=1920x1200-32"));
    return command;
  }

  /** The client's own jar when it is built (what the package runs), else the test class path; with the headless screen. */
  private static String classPath(Path jar) throws Exception {
    String monocle = Path.of(Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory").getProtectionDomain()
        .getCodeSource().getLocation().toURI()).toString();
    return Files.exists(jar) ? jar + java.io.File.pathSeparator + monocle : System.getProperty("java.class.path");
  }

  private static ScheduledFuture<?> stopAfter(Process process, int minutes) {
    return STOPPER.schedule(process::destroyForcibly, minutes, TimeUnit.MINUTES);
  }

  /** The server with its embedded database, in a process of its own, its limits raised for the load of one address. */
  private Process startServer(int port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "ling.standalone.StandaloneMain").redirectErrorStream(true);
    builder.environment().put("LING_DATA_DIR", dir.resolve("server").toString());
    builder.environment().put("LING_HTTP_PORT", Integer.toString(port));
    builder.environment().put("LING_RATE_LIMIT_REGISTRATIONS_PER_ADDRESS", "1000000");
    builder.environment().put("LING_WS_MAX_FRAMES_PER_SECOND", "1000000");
    builder.environment().put("LING_WS_MAX_FRAMES_PER_SECOND_PER_USER", "1000000");
    builder.environment().put("LING_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.contains("Ling is listening on")) {
            listening.complete(null);
          }
        }
      } catch (java.io.IOException e) {
        listening.completeExceptionally(e);
      }
      listening.completeExceptionally(new IllegalStateException("the server ended"));
    });
    pump.setDaemon(true);
    pump.start();
    listening.get(5, TimeUnit.MINUTES);
    return process;
  }

  private Account register(String prefix) throws Exception {
    String username = prefix + UUID.randomUUID().toString().substring(0, 8);
    String password = "bench-password";
    JsonNode auth = call("POST", "auth/register", null, JSON.createObjectNode().put("username", username)
        .put("password", password));
    return new Account(auth.path("user").path("id").asLong(), username, password, auth.path("accessToken").asText());
  }

  private long befriend(Account a, Account b) throws Exception {
    JsonNode request = call("POST", "friend-requests", a.token(), JSON.createObjectNode().put("toUserId", b.id()));
    JsonNode accepted = call("POST", "friend-requests/" + request.path("id").asLong() + "/accept", b.token(),
        JSON.createObjectNode());
    return accepted.path("friend").path("conversationId").asLong();
  }

  /** Fills a conversation from a process of its own (its sending and drawing is not the client's memory). */
  private void seed(Account sender, long conversation, String kind, int count, int distinct) throws Exception {
    Process seeder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), BenchSeeder.class.getName(), base,
        sender.token(), Long.toString(conversation), kind, Integer.toString(count), Integer.toString(distinct))
        .inheritIO().start();
    if (!seeder.waitFor(20, TimeUnit.MINUTES) || seeder.exitValue() != 0) {
      seeder.destroyForcibly();
      throw new AssertionError("seeding " + kind + " failed");
    }
  }

  private JsonNode call(String method, String path, String token, ObjectNode body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static String readPackageJvm() {
    try {
      return Files.readString(Path.of("jvm.options")).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void line(String text) {
    System.out.println("[client-bench] " + text);
    report.add(text);
  }
}
