package ling.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import ling.client.api.LiveSocket;
import ling.client.chat.ChatLine;
import ling.client.settings.Profile;

/**
 * The client side of {@link ClientBench}: a client alone in its JVM, started with the package's
 * options, that signs in, opens and scrolls back the benchmark's conversations as a user does and
 * reports what it took and the memory it holds. Only this driver shares the process with the
 * client, so the resident figures are the client's own. Report lines start with {@code report: }.
 *
 * <p>Arguments: server (host:port), username, password, the text conversation's id, how many
 * texts to scroll back, the picture conversation's id, how many pictures, the profile directory.
 */
final class BenchClient {

  private static final String REPORT = "report: ";

  private BenchClient() {
  }

  public static void main(String[] args) throws Exception {
    String server = args[0];
    long texts = Long.parseLong(args[3]);
    int textLines = Integer.parseInt(args[4]);
    long pictures = Long.parseLong(args[5]);
    int images = Integer.parseInt(args[6]);
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    Platform.setImplicitExit(false);
    ClientWindow window = fx(() -> {
      ClientWindow opened = new ClientWindow(new Stage(), new Profile(Path.of(args[7])));
      opened.open();
      return opened;
    });
    fx(() -> {
      lookup(window, "#server", TextField.class).setText(server);
      lookup(window, "#username", TextField.class).setText(args[1]);
      lookup(window, "#password", TextInputControl.class).setText(args[2]);
      lookup(window, "#submit", Button.class).fire();
      return null;
    });
    await(() -> window.main() != null && window.client() != null
        && window.client().stateProperty().get() == LiveSocket.State.ONLINE, 30);
    await(() -> window.client().conversations().find(texts) != null, 30);

    // the large text conversation: opened, then scrolled back a screen at a time
    // timed without any wait of the driver's own: the click's work on the FX thread, then polling
    long opening = System.nanoTime();
    long handled = fx(() -> {
      long begun = System.nanoTime();
      window.main().chats().open(texts);
      return (System.nanoTime() - begun) / 1_000_000;
    });
    poll(() -> !window.client().chat(texts).lines().isEmpty(), 5, 30);
    long fetched = (System.nanoTime() - opening) / 1_000_000;
    long newestText = fx(() -> window.client().chat(texts).lines().get(window.client().chat(texts).lines().size() - 1)
        .message().seq());
    poll(() -> shownSeqs(window).contains(newestText), 5, 30);
    report(String.format("open %,d-message conversation: %d ms of work on the FX thread, newest page in the model "
        + "after %d ms, on screen after %d ms", newestText, handled, fetched, (System.nanoTime() - opening) / 1_000_000));
    Scroll text = scrollBack(window, textLines);
    report(String.format("scroll back %,d messages: %d screens, a screen drawn in median %.1f ms, p99 %.1f ms, "
            + "worst %.1f ms; %d times at the top waiting for a page, %d ms in all", text.lines(), text.steps(),
        text.median(), text.p99(), text.worst(), text.stalls(), text.stalledMillis()));

    // the pictures: all scrolled back through, then what the client holds
    fx(() -> {
      window.main().chats().open(pictures);
      return null;
    });
    try {
      await(() -> shownSeqs(window).contains((long) images), 30);
    } catch (TimeoutException e) {
      throw new AssertionError("the newest picture is not on screen: shown " + fx(() -> shownSeqs(window)), e);
    }
    Scroll shown = scrollBack(window, images);
    report(String.format("scroll back %,d image messages: %d screens, a screen drawn in median %.1f ms, p99 %.1f ms,"
            + " worst %.1f ms; %d times at the top waiting for a page, %d ms in all", shown.lines(),
        shown.steps(), shown.median(), shown.p99(), shown.worst(), shown.stalls(), shown.stalledMillis()));
    // the user stops scrolling: what the client holds, and whether it rests
    long peak = statusMb(SELF, "VmHWM:");
    long collections = collections();
    long idleFrom = System.nanoTime();
    Thread.sleep(5_000);
    long at5 = statusMb(SELF, "VmRSS:");
    Thread.sleep(10_000);
    long at15 = statusMb(SELF, "VmRSS:");
    nativeMemory();
    Thread.sleep(15_000);
    long at30 = statusMb(SELF, "VmRSS:");
    long idleCollections = collections() - collections;
    long idleSeconds = (System.nanoTime() - idleFrom) / 1_000_000_000L;
    Runtime runtime = Runtime.getRuntime();
    report(String.format("the client after scrolling back through %,d image messages: %d MB resident at the most "
            + "while scrolling, %d MB after 5 s idle, %d MB after 15 s, %d MB after 30 s (heap %d MB committed); "
            + "%d collections in %d s idle", shown.lines(), peak, at5, at15, at30, runtime.totalMemory() >> 20,
        idleCollections, idleSeconds));
    nativeMemory();
    if (Boolean.getBoolean("ling.bench.histogram")) {
      // what the heap holds, by class, the largest first
      jcmd("GC.class_histogram").stream().limit(30).forEach(row -> System.out.println("  " + row));
    }
    if (text.lines() < textLines || shown.lines() < images) {
      throw new AssertionError("scrolled back " + text.lines() + " texts and " + shown.lines() + " pictures");
    }
    System.exit(0);
  }

  /** What a scroll back measured: lines reached, screens moved, time per screen, waits at the top. */
  private record Scroll(int lines, int steps, double median, double p99, double worst, int stalls,
                        long stalledMillis) {
  }

  /**
   * Scrolls up a screen at a time, as fast as the client draws, until the line on top is
   * {@code lines} back from the newest or the first of all; a step is timed from the wheel's turn
   * until the frame that shows it is drawn.
   */
  private static Scroll scrollBack(ClientWindow window, int lines) throws Exception {
    ListView<?> list = fx(() -> lookup(window, "#messages", ListView.class));
    VirtualFlow<?> flow = fx(() -> (VirtualFlow<?>) list.lookup(".virtual-flow"));
    List<Double> steps = new ArrayList<>();
    int stalls = 0;
    long stalled = 0;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long newest = fx(() -> topSeq(list, list.getItems().size() - 1));
    long reached = newest;
    while (System.nanoTime() < deadline) {
      long started = System.nanoTime();
      int loadedBefore = fx(() -> list.getItems().size());
      double[] position = new double[1];
      reached = fx(() -> {
        // the wheel turned up by a screen, as the user scrolls
        double height = list.getHeight();
        flow.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false, false, 0,
            height, 0, height, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE,
            0, 0, null));
        position[0] = flow.getPosition();
        return flow.getFirstVisibleCell() instanceof ListCell<?> cell && cell.getItem() instanceof ChatLine line
            ? line.message().seq() : Long.MAX_VALUE;
      });
      drawn();
      steps.add((System.nanoTime() - started) / 1e6);
      if (steps.size() % 100 == 0) {
        System.out.println("  " + steps.size() + " screens, " + loadedBefore + " lines");
      }
      boolean older = fx(() -> window.client().chat(window.client().conversations().openProperty().get())
          .hasOlderProperty().get());
      // far enough: the line on top as many back from the newest as asked, or the first of all
      if (reached != Long.MAX_VALUE && newest - reached + 1 >= lines || !older && position[0] <= 0.0) {
        break;
      }
      if (position[0] <= 0.0) {
        // at the top with the page before not in yet: the user waits
        stalls++;
        long waiting = System.nanoTime();
        await(() -> list.getItems().size() > loadedBefore, 30);
        stalled += (System.nanoTime() - waiting) / 1_000_000;
        drawn();
      }
    }
    List<Double> sorted = new ArrayList<>(steps);
    Collections.sort(sorted);
    return new Scroll((int) (newest - reached + 1), steps.size(), sorted.get(sorted.size() / 2),
        sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.99))), sorted.get(sorted.size() - 1),
        stalls, stalled);
  }

  private static long topSeq(ListView<?> list, int index) {
    return list.getItems().get(index) instanceof ChatLine line ? line.message().seq() : -1;
  }

  private static Set<Long> shownSeqs(ClientWindow window) {
    ListView<?> list = lookup(window, "#messages", ListView.class);
    Set<Long> seqs = new HashSet<>();
    if (list != null) {
      list.lookupAll(".list-cell").forEach(cell -> {
        if (cell instanceof ListCell<?> c && c.getItem() instanceof ChatLine line && c.isVisible()) {
          seqs.add(line.message().seq());
        }
      });
    }
    return seqs;
  }

  private static <T> T lookup(ClientWindow window, String selector, Class<T> type) {
    return type.cast(window.stage().getScene().getRoot().lookup(selector));
  }

  /** Runs on the FX thread and waits for the result. */
  private static <T> T fx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  /** Waits until a frame with what the FX thread has done so far is drawn. */
  private static void drawn() throws Exception {
    CompletableFuture<Void> drawn = new CompletableFuture<>();
    Platform.runLater(() -> ling.client.ui.Fx.afterFrame(() -> drawn.complete(null)));
    drawn.get(10, TimeUnit.SECONDS);
  }

  private static void await(BooleanSupplier condition, int seconds) throws Exception {
    poll(condition, 20, seconds);
  }

  private static void poll(BooleanSupplier condition, int everyMillis, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!fx(condition::getAsBoolean)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("not within " + seconds + " s");
      }
      Thread.sleep(everyMillis);
    }
  }

  /** The collections the JVM has made so far (a client at rest makes next to none). */
  private static long collections() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
  }

  /** This process's status in /proc. */
  private static final Path SELF = Path.of("/proc/self/status");

  /** A figure of a process's status in /proc, in MB: VmRSS the resident memory now, VmHWM its peak. */
  static long statusMb(Path status, String field) throws Exception {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
      }
    }
    return -1;
  }

  /** Where the resident memory is, by the JVM's own account, when it runs with native memory tracking. */
  private static void nativeMemory() throws Exception {
    List<String> summary = jcmd("VM.native_memory", "summary");
    if (summary.stream().noneMatch(row -> row.contains("not enabled"))) {
      summary.forEach(row -> System.out.println("  " + row));
    }
  }

  /** What the JDK's jcmd says of this process for a command, line by line. */
  private static List<String> jcmd(String... command) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(Path.of(System.getProperty("ling.bench.jdk"), "bin", "jcmd")
        .toString(), Long.toString(ProcessHandle.current().pid())));
    arguments.addAll(List.of(command));
    Process jcmd = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
      return out.lines().toList();
    } finally {
      jcmd.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static void report(String text) {
    System.out.println(REPORT + text);
  }
}
