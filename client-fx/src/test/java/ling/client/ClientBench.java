package ling.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import ling.client.chat.ChatLine;
import ling.client.settings.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The speed and memory a user of the desktop client feels, against a real server in a process of
 * its own: how soon the sign-in window appears, how a conversation of 100,000 messages opens and
 * scrolls back, and how much memory the client holds after scrolling back through 5,000 messages
 * with pictures. Run by hand (docs/performance.md), not in the build:
 * {@code mvn -pl client-fx test -Dtest=ClientBench -Dling.bench=client}; figures go to the console
 * and to {@code client-fx/target/client-bench.txt}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "ling.bench", matches = "client")
class ClientBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TEXTS = Integer.getInteger("ling.bench.texts", 100_000);
  private static final int IMAGES = Integer.getInteger("ling.bench.images", 5_000);
  private static final int DISTINCT_PICTURES = Integer.getInteger("ling.bench.pictures", 1_000);
  private static final int LAUNCHES = 5;
  /** The JVM options the package starts the client with. */
  private static final String PACKAGE_JVM = readPackageJvm();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> report = new ArrayList<>();
  private String base;

  @Test
  void theClientFeelsFast(FxRobot robot) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    line("client benchmark on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + "; the test process runs with " + ManagementFactory.getRuntimeMXBean()
        .getInputArguments().stream().filter(option -> option.startsWith("-XX:") || option.startsWith("-Xm")).toList());
    // launch: the sign-in window, in a fresh JVM each time, as the packaged client starts (jvm.options);
    // before the server starts, which would share the cores
    // the client's jar on the JDK, and the app image when it is built (its runtime and its archive of a start)
    List<Long> launchedResident = launches("the client's jar", List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()), Path.of("target", "ling-client.jar"));
    Path image = Path.of("target", "dist", "Ling", "lib");
    if (Files.exists(image.resolve(Path.of("app", "ling.jsa")))) {
      launches("the app image, with its class data archive", List.of(
          image.resolve(Path.of("runtime", "bin", "java")).toString(),
          "-XX:SharedArchiveFile=" + image.resolve(Path.of("app", "ling.jsa")).toAbsolutePath()),
          image.resolve(Path.of("app", "ling-client.jar")).toAbsolutePath());
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

      System.gc();
      long before = residentMb();
      line("test process before signing in: " + before + " MB resident (the harness and the toolkit, no client yet)");
      ClientWindow window = WaitForAsyncUtils.asyncFx(() -> {
        javafx.stage.Stage stage = new javafx.stage.Stage();
        ClientWindow opened = new ClientWindow(stage, new Profile(dir.resolve("profile")));
        opened.open();
        return opened;
      }).get(30, TimeUnit.SECONDS);
      robot.interact(() -> {
        lookup(window, "#server", javafx.scene.control.TextField.class).setText("127.0.0.1:" + port);
        lookup(window, "#username", javafx.scene.control.TextField.class).setText(reader.username());
        lookup(window, "#password", javafx.scene.control.TextInputControl.class).setText(reader.password());
        lookup(window, "#submit", javafx.scene.control.Button.class).fire();
      });
      await(() -> window.main() != null && window.client() != null
          && window.client().stateProperty().get() == ling.client.api.LiveSocket.State.ONLINE, 30);
      await(() -> window.client().conversations().find(texts) != null, 30);

      // the 100,000-message conversation: opened, then scrolled back 3,000 messages a screen at a time
      // what the server takes for the newest page, asked directly: the client cannot be quicker
      List<Long> served = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        long asked = System.nanoTime();
        call("GET", "conversations/" + texts + "/messages?limit=50", reader.token(), null);
        served.add((System.nanoTime() - asked) / 1_000_000);
      }
      Collections.sort(served);
      line("the server answers the newest page of 50 in median " + served.get(3) + " ms (7 requests)");
      // timed without the test robot's own waits: the click's work on the FX thread, then polling
      long opening = System.nanoTime();
      long handled = WaitForAsyncUtils.asyncFx(() -> {
        long started = System.nanoTime();
        window.main().chats().open(texts);
        return (System.nanoTime() - started) / 1_000_000;
      }).get(30, TimeUnit.SECONDS);
      poll(() -> !window.client().chat(texts).lines().isEmpty());
      long fetched = (System.nanoTime() - opening) / 1_000_000;
      poll(() -> shownSeqs(window).contains((long) TEXTS));
      line(String.format("open %,d-message conversation: %d ms of work on the FX thread, newest page in the model "
          + "after %d ms, on screen after %d ms", TEXTS, handled, fetched, (System.nanoTime() - opening) / 1_000_000));
      Scroll text = scrollBack(robot, window, 3_000);
      line(String.format("scroll back %,d messages: %d screens, a screen drawn in median %.1f ms, p99 %.1f ms, "
              + "worst %.1f ms; %d times at the top waiting for a page, %d ms in all", text.lines(), text.steps(),
          text.median(), text.p99(), text.worst(), text.stalls(), text.stalledMillis()));

      // the pictures: all 5,000 scrolled back through, then what the client holds
      robot.interact(() -> window.main().chats().open(pictures));
      try {
        await(() -> shownSeqs(window).contains((long) IMAGES), 30);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("the newest picture is not on screen: shown " + shownSeqs(window) + " of "
            + window.client().chat(pictures).lines().size() + " lines", e);
      }
      Scroll images = scrollBack(robot, window, IMAGES);
      line(String.format("scroll back %,d image messages: %d screens, a screen drawn in median %.1f ms, p99 %.1f ms,"
              + " worst %.1f ms; %d times at the top waiting for a page, %d ms in all", images.lines(),
          images.steps(), images.median(), images.p99(), images.worst(), images.stalls(), images.stalledMillis()));
      // the user stops scrolling: what the client holds once idle, and then after a full collection
      long peak = statusMb(Path.of("/proc/self/status"), "VmHWM:");
      Thread.sleep(15_000);
      long idle = residentMb();
      nativeMemory();
      Thread.sleep(15_000);
      long longer = residentMb();
      System.gc();
      Thread.sleep(1000);
      Runtime runtime = Runtime.getRuntime();
      line(String.format("after scrolling back through %,d image messages: %d MB resident at the most while scrolling, "
              + "%d MB after 15 s idle, %d MB after 30 s, %d MB after a full collection, heap %d MB used of %d MB "
              + "committed", images.lines(), peak, idle, longer, residentMb(),
          (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.totalMemory() >> 20));
      // the client's own: as launched alone, plus what signing in and scrolling added to the test process
      long after = idle;
      line("the client after the images, estimated: " + (launchedResident.get(LAUNCHES / 2) + after - before)
          + " MB resident after 15 s idle (" + launchedResident.get(LAUNCHES / 2) + " MB alone at the sign-in window + "
          + (after - before) + " MB grown since); at the most while scrolling, "
          + (launchedResident.get(LAUNCHES / 2) + peak - before) + " MB");
      nativeMemory();
      if (Boolean.getBoolean("ling.bench.histogram")) {
        // what the heap holds, by class, the largest first
        jcmd("GC.class_histogram").stream().limit(30).forEach(row -> System.out.println("[client-bench]   " + row));
      }
      robot.interact(() -> window.stage().close());
      Files.write(Path.of("target", "client-bench.txt"), report);
      assertTrue(text.lines() >= Math.min(3_000, TEXTS) && images.lines() >= IMAGES, "scrolled as far as asked");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private record Account(long id, String username, String password, String token) {
  }

  /** What a scroll back measured: lines reached, screens moved, time per screen, waits at the top. */
  private record Scroll(int lines, int steps, double median, double p99, double worst, int stalls,
                        long stalledMillis) {
  }

  /**
   * Scrolls up a screen at a time, as fast as the client draws, until {@code lines} stored lines
   * are loaded and the top is reached; a step is timed from the scroll to the drawn frame.
   */
  private Scroll scrollBack(FxRobot robot, ClientWindow window, int lines) throws Exception {
    ListView<ChatLine> list = lookup(window, "#messages", ListView.class);
    VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
    List<Double> steps = new ArrayList<>();
    int stalls = 0;
    long stalled = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    int jumps = 0;
    long newest = list.getItems().get(list.getItems().size() - 1).message().seq();
    while (System.nanoTime() < deadline) {
      long started = System.nanoTime();
      int loadedBefore = list.getItems().size();
      double[] position = new double[1];
      int[] top = new int[1];
      long[] topSeq = {Long.MAX_VALUE};
      robot.interact(() -> {
        // the wheel turned up by a screen, as the user scrolls
        double height = list.getHeight();
        flow.fireEvent(new javafx.scene.input.ScrollEvent(javafx.scene.input.ScrollEvent.SCROLL, 10, 10, 10, 10,
            false, false, false, false, false, false, 0, height, 0, height,
            javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
            javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        position[0] = flow.getPosition();
        top[0] = flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
        topSeq[0] = flow.getFirstVisibleCell() instanceof javafx.scene.control.ListCell<?> cell
            && cell.getItem() instanceof ChatLine line ? line.message().seq() : topSeq[0];
      });
      WaitForAsyncUtils.waitForFxEvents(1);
      steps.add((System.nanoTime() - started) / 1e6);
      if (Boolean.getBoolean("ling.bench.trace")) {
        System.out.println("[client-bench]   trace: " + loadedBefore + " lines, top index " + top[0] + " seq " + topSeq[0]
            + " at " + position[0]);
      }
      if (steps.size() % 100 == 0) {
        System.out.println("[client-bench]   " + steps.size() + " screens, " + list.getItems().size() + " lines");
      }
      boolean older = window.client().chat(window.client().conversations().openProperty().get())
          .hasOlderProperty().get();
      // far enough: the line on top as many back from the newest as asked, or the first of all
      if (newest - topSeq[0] >= lines || !older && position[0] <= 0.0) {
        break;
      }
      if (position[0] <= 0.0) {
        // at the top with the page before not in yet: the user waits
        stalls++;
        long waiting = System.nanoTime();
        try {
          await(() -> list.getItems().size() > loadedBefore, 30);
        } catch (java.util.concurrent.TimeoutException e) {
          var chat = window.client().chat(window.client().conversations().openProperty().get());
          throw new AssertionError("no page came at the top: " + list.getItems().size() + " lines, error "
              + chat.errorProperty().get(), e);
        }
        stalled += (System.nanoTime() - waiting) / 1_000_000;
        WaitForAsyncUtils.waitForFxEvents(2);
        // the page came in above: the line on screen stays, the list does not jump to the new top
        if (WaitForAsyncUtils.asyncFx(flow::getPosition).get(10, TimeUnit.SECONDS) <= 0.0) {
          jumps++;
          if (jumps <= 3) {
            long seqBefore = topSeq[0];
            System.out.println("[client-bench]   jumped: top seq " + seqBefore + " before, " + WaitForAsyncUtils.asyncFx(
                () -> flow.getFirstVisibleCell() instanceof javafx.scene.control.ListCell<?> c
                    && c.getItem() instanceof ChatLine l ? l.message().seq() + " at " + c.getLayoutY() + ", cells "
                    + flow.getCellCount() + ", visible " + list.lookupAll(".list-cell").stream().filter(
                        javafx.scene.Node::isVisible).count() + ", list height " + list.getHeight() + ", first height "
                    + c.getHeight() : "none").get(10, TimeUnit.SECONDS));
          }
        }
      }
    }
    List<Double> sorted = new ArrayList<>(steps);
    Collections.sort(sorted);
    if (jumps > 0) {
      line("  the list jumped to the new top " + jumps + " times when a page came in");
    }
    long reached = WaitForAsyncUtils.asyncFx(() -> flow.getFirstVisibleCell() instanceof javafx.scene.control.ListCell<?> c
        && c.getItem() instanceof ChatLine l ? l.message().seq() : newest).get(10, TimeUnit.SECONDS);
    return new Scroll((int) (newest - reached + 1), steps.size(), sorted.get(sorted.size() / 2),
        sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))), sorted.get(sorted.size() - 1),
        stalls, stalled);
  }

  private static java.util.Set<Long> shownSeqs(ClientWindow window) {
    ListView<?> list = lookup(window, "#messages", ListView.class);
    java.util.Set<Long> seqs = new java.util.HashSet<>();
    if (list != null) {
      list.lookupAll(".list-cell").forEach(cell -> {
        if (cell instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ChatLine line
            && c.isVisible()) {
          seqs.add(line.message().seq());
        }
      });
    }
    return seqs;
  }

  /** Launches of one kind, reported: the resident MB of each at its sign-in window, in order. */
  private List<Long> launches(String what, List<String> jvm, Path jar) throws Exception {
    List<Long> millis = new ArrayList<>();
    List<Long> resident = new ArrayList<>();
    for (int i = 0; i < LAUNCHES; i++) {
      long[] launch = launch(jvm, jar);
      millis.add(launch[0]);
      resident.add(launch[1]);
    }
    Collections.sort(millis);
    Collections.sort(resident);
    line("sign-in window after launch (" + (Files.exists(jar) ? what : "the test class path") + "): median "
        + millis.get(LAUNCHES / 2) + " ms, worst " + millis.get(LAUNCHES - 1) + " ms (" + LAUNCHES + " launches with "
        + PACKAGE_JVM + "); the client then " + resident.get(LAUNCHES / 2) + " MB resident");
    return resident;
  }

  /**
   * A fresh JVM of the client, as the package starts it, until its window is drawn on the
   * (headless) screen: the milliseconds from the process's start, and its resident MB then.
   */
  private long[] launch(List<String> jvm, Path jar) throws Exception {
    // the client's own jar when it is built (what the package runs), else the test class path; with
    // the headless screen after it
    String monocle = Path.of(Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory").getProtectionDomain()
        .getCodeSource().getLocation().toURI()).toString();
    String classPath = Files.exists(jar) && !monocle.isEmpty() ? jar + java.io.File.pathSeparator + monocle
        : System.getProperty("java.class.path");
    List<String> command = new ArrayList<>(jvm);
    command.addAll(List.of(PACKAGE_JVM.split("\\s+")));
    command.addAll(List.of("-cp", classPath, "-Dling.reportStartup=true",
        "-Dling.home=" + dir.resolve("launch"), "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
        "-Dprism.order=sw", "-Dheadless.geometry=1920x1200-32", "ling.client.Launcher"));
    Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
    // a jar built before the window reported its start would never say: it is stopped after a minute
    java.util.concurrent.ScheduledFuture<?> limit = java.util.concurrent.Executors.newSingleThreadScheduledExecutor()
        .schedule(client::destroyForcibly, 1, TimeUnit.MINUTES);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ling: window shown ")) {
          long millis = Long.parseLong(line.replaceAll("\\D+", " ").trim().split(" ")[0]);
          Thread.sleep(1000);
          return new long[] {millis, residentMb(Path.of("/proc", Long.toString(client.pid()), "status"))};
        }
      }
      throw new AssertionError("the client ended without reporting its window (is " + jar + " current?)");
    } finally {
      limit.cancel(false);
      client.destroyForcibly();
      client.waitFor(10, TimeUnit.SECONDS);
    }
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

  private static long residentMb() throws Exception {
    return residentMb(Path.of("/proc/self/status"));
  }

  private static long residentMb(Path status) throws Exception {
    return statusMb(status, "VmRSS:");
  }

  /** A figure of /proc's status of a process, in MB: VmRSS the resident memory now, VmHWM its peak. */
  private static long statusMb(Path status, String field) throws Exception {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
      }
    }
    return -1;
  }

  private static <T> T lookup(ClientWindow window, String selector, Class<T> type) {
    return type.cast(window.stage().getScene().getRoot().lookup(selector));
  }

  private static void await(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(10, TimeUnit.SECONDS)) {
      if (System.nanoTime() > deadline) {
        throw new java.util.concurrent.TimeoutException("not within " + seconds + " s");
      }
      Thread.sleep(20);
    }
  }

  /** Polls the FX thread every 5 ms (the test robot's waits would add their own time). */
  private static void poll(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(10, TimeUnit.SECONDS)) {
      if (System.nanoTime() > deadline) {
        throw new java.util.concurrent.TimeoutException("not within 30 s");
      }
      Thread.sleep(5);
    }
  }

  private static String readPackageJvm() {
    try {
      return Files.readString(Path.of("jvm.options")).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Where the resident memory is, by the JVM's own account, when run with native memory tracking. */
  private static void nativeMemory() throws Exception {
    if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(option -> option.startsWith("-XX:NativeMemoryTracking="))) {
      jcmd("VM.native_memory", "summary").forEach(row -> System.out.println("[client-bench]   " + row));
    }
  }

  /** What the JDK's jcmd says of this process for a command, line by line. */
  private static List<String> jcmd(String... command) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(ProcessHandle.current().pid())));
    arguments.addAll(List.of(command));
    Process jcmd = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
      return out.lines().toList();
    } finally {
      jcmd.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private void line(String text) {
    System.out.println("[client-bench] " + text);
    report.add(text);
  }
}
