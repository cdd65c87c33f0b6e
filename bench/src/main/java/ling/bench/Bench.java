package ling.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import ling.bench.LingClient.User;

/**
 * The workloads of docs/performance.md against a running server, each bounded in count and
 * time, each printing one line of figures:
 *
 * <pre>java -jar bench/target/ling-bench.jar [--url http://127.0.0.1:8080] [--server-pid PID]
 *     [--db host:port:name:user:password] W1 W1-light W2 W3 W4</pre>
 *
 * The server needs its per-address sign-up and per-socket frame limits raised (see the doc).
 */
public final class Bench {

  private static final long TIMEOUT_MS = 180_000;
  private static final String USAGE = String.join("\n",
      "usage: java -jar ling-bench.jar [options] [W1 W1-light W2 W3 W4 W5 W6]  (default W1 W1-light W2 W3 W4)",
      "  --url URL                 the gateway (http://127.0.0.1:8080)",
      "  --warmup N                unmeasured rounds of W1, W1-light and W2 first (3; 0 skips them)",
      "  --server-pid PID          the process whose CPU is reported as the server's",
      "  --db-pid PID              the database process, likewise",
      "  --db host:port:name:user:password   counters read from the database",
      "  --w1-pairs N, --w1-per-sender N, --w2-per-sender N, --w3-size N, --w4-sockets N,",
      "  --w5-sockets N, --w5-seconds N, --w6-connections N, --w6-seconds N, --w6-from ADDRESS,",
      "  --w6-line-seconds N, --w6-reopen-millis N   the workloads' sizes (see docs/performance.md)");

  private final Vertx vertx;
  private final LingClient client;
  private final Map<String, String> options;
  private final String run = "b" + Long.toString(System.currentTimeMillis() % 100_000_000, 36);
  private final AtomicInteger names = new AtomicInteger();

  private Bench(Vertx vertx, Map<String, String> options) {
    this.vertx = vertx;
    this.options = options;
    this.client = new LingClient(vertx, options.getOrDefault("url", "http://127.0.0.1:8080"));
  }

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> workloads = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println(USAGE);
        return;
      }
      if (args[i].startsWith("--")) {
        if (i + 1 == args.length) {
          System.err.println(args[i] + " needs a value\n" + USAGE);
          System.exit(2);
        }
        options.put(args[i].substring(2), args[++i]);
      } else {
        workloads.add(args[i]);
      }
    }
    if (workloads.isEmpty()) {
      workloads = List.of("W1", "W1-light", "W2", "W3", "W4");
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    Bench bench = new Bench(vertx, options);
    try {
      // the traffic workloads run unmeasured first, so that neither JVM (nor its JIT compiler threads,
      // whose CPU counts too) is timed while still compiling: a few rounds, as the compilers take
      // that long to settle (--warmup N rounds; 0 or false skips them)
      int rounds = warmupRounds(options.getOrDefault("warmup", "3"));
      for (int round = 0; round < rounds; round++) {
        for (String workload : workloads) {
          if (workload.matches("W1|W1-light|W2")) {
            bench.run(workload, options);
          }
        }
      }
      for (String workload : workloads) {
        System.out.println(bench.run(workload, options));
      }
    } finally {
      bench.client.close();
      vertx.close().await();
    }
  }

  private String run(String workload, Map<String, String> options) {
    return switch (workload) {
      case "W1" -> direct(count(options, "w1-pairs", 50), count(options, "w1-per-sender", 200), 10, "W1 direct");
      case "W1-light" -> direct(count(options, "w1-pairs", 50), count(options, "w1-per-sender", 200), 1,
          "W1-light direct");
      case "W2" -> group(50, 5, count(options, "w2-per-sender", 100), 10);
      case "W3" -> history(Integer.parseInt(options.getOrDefault("w3-size", "20000")));
      case "W4" -> idleSockets(Integer.parseInt(options.getOrDefault("w4-sockets", "10000")));
      case "W5" -> slowReaders(count(options, "w5-sockets", 40), count(options, "w5-seconds", 300));
      case "W6" -> new SlowHeads(vertx, client, options.getOrDefault("url", "http://127.0.0.1:8080"))
          .run(run, count(options, "w6-connections", 2000), count(options, "w6-seconds", 60),
              options.getOrDefault("w6-from", "127.0.0.2"), count(options, "w6-line-seconds", 5),
              count(options, "w6-reopen-millis", 1000));
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    };
  }

  private static int warmupRounds(String option) {
    return switch (option) {
      case "true" -> 3;
      case "false" -> 0;
      default -> Integer.parseInt(option);
    };
  }

  /**
   * A workload's own count (messages per sender, pairs of users) unless another was asked for: a
   * longer run to profile, or fewer pairs to see where latency turns.
   */
  private static int count(Map<String, String> options, String option, int standard) {
    return Integer.parseInt(options.getOrDefault(option, Integer.toString(standard)));
  }

  /** W1: pairs of users, each sender with at most {@code window} messages unacknowledged. */
  private String direct(int pairs, int perSender, int window, String label) {
    List<User> users = registerMany(2 * pairs);
    List<Long> conversations = runMany(pairs, i -> client.befriend(users.get(2 * i), users.get(2 * i + 1)));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies();
    AtomicLong delivered = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long total = (long) pairs * perSender;
    Promise<Void> allDelivered = Promise.promise();
    List<WebSocket> sockets = new ArrayList<>();
    List<Sender> senders = new ArrayList<>();
    AtomicLong outOfOrder = new AtomicLong();
    for (int i = 0; i < pairs; i++) {
      User receiver = users.get(2 * i + 1);
      SeqOrder order = new SeqOrder(outOfOrder);
      sockets.add(client.connect(receiver, frame -> {
        if ("message".equals(frame.type())) {
          order.saw(frame.number("seq"));
          Long t0 = sentAt.remove(frame.string("clientMsgId"));
          if (t0 != null) {
            latencies.add(micros() - t0);
            if (delivered.incrementAndGet() == total) {
              allDelivered.tryComplete();
            }
          }
        }
      }).await());
      Sender sender = new Sender(run + "-w1-" + window + "-" + i, conversations.get(i), perSender, window, sentAt,
          errors);
      sender.socket = client.connect(users.get(2 * i), sender::onFrame).await();
      senders.add(sender);
      sockets.add(sender.socket);
    }
    settleHeap();
    CpuShare cpu = new CpuShare(vertx, options);
    cpu.start();
    long start = System.nanoTime();
    senders.forEach(Sender::start);
    await(allDelivered.future());
    double seconds = (System.nanoTime() - start) / 1e9;
    String used = cpu.summary() + cpu.databaseWork(total);
    sockets.forEach(WebSocket::close);
    return String.format("%s: pairs=%d in-flight=%d sent=%d delivered=%d lost=%d errors=%d out-of-order=%d "
            + "elapsed=%.1fs throughput=%.0f msgs/s %s %s", label, pairs, window, total, delivered.get(),
        total - delivered.get(), errors.get(), outOfOrder.get(), seconds, delivered.get() / seconds,
        latencies.summary(), used);
  }

  /** W2: one group, every member connected, a few senders. */
  private String group(int members, int senderCount, int perSender, int window) {
    List<User> users = registerMany(members);
    User owner = users.get(0);
    runMany(members - 1, i -> client.befriend(owner, users.get(i + 1)));
    JsonArray memberIds = new JsonArray();
    users.subList(1, members).forEach(u -> memberIds.add(u.id()));
    long conversation = client.call(HttpMethod.POST, "/groups", owner.token(),
        new JsonObject().put("name", run + " W2").put("memberIds", memberIds).put("joinPolicy", "invite"))
        .await().getLong("conversationId");
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies();
    AtomicLong deliveries = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long expected = (long) senderCount * perSender * (members - 1);
    Promise<Void> allDelivered = Promise.promise();
    List<WebSocket> sockets = new ArrayList<>();
    List<Sender> senders = new ArrayList<>();
    AtomicLong outOfOrder = new AtomicLong();
    for (int i = 0; i < members; i++) {
      User user = users.get(i);
      Sender sender = i < senderCount
          ? new Sender(run + "-w2-" + i, conversation, perSender, window, null, errors) : null;
      // a sender's socket gets its own message after its ack, which others may overtake: not counted
      SeqOrder order = sender == null ? new SeqOrder(outOfOrder) : null;
      WebSocket socket = client.connect(user, frame -> {
        if (sender != null) {
          sender.onFrame(frame);
        }
        if ("message".equals(frame.type())) {
          if (order != null) {
            order.saw(frame.number("seq"));
          }
          if (frame.number("senderId") != user.id()) {
            Long t0 = sentAt.get(frame.string("clientMsgId"));
            if (t0 != null) {
              latencies.add(micros() - t0);
              if (deliveries.incrementAndGet() == expected) {
                allDelivered.tryComplete();
              }
            }
          }
        }
      }).await();
      sockets.add(socket);
      if (sender != null) {
        sender.socket = socket;
        sender.sentAt = sentAt;
        senders.add(sender);
      }
    }
    settleHeap();
    CpuShare cpu = new CpuShare(vertx, options);
    cpu.start();
    long start = System.nanoTime();
    senders.forEach(Sender::start);
    await(allDelivered.future());
    double seconds = (System.nanoTime() - start) / 1e9;
    String used = cpu.summary() + cpu.databaseWork((long) senderCount * perSender);
    sockets.forEach(WebSocket::close);
    return String.format("W2 group fan-out: members=%d senders=%d msgs=%d deliveries=%d lost=%d errors=%d "
            + "out-of-order=%d elapsed=%.1fs throughput=%.0f deliveries/s %s %s", members, senderCount,
        senderCount * perSender, deliveries.get(), expected - deliveries.get(), errors.get(), outOfOrder.get(),
        seconds, deliveries.get() / seconds, latencies.summary(), used);
  }

  /** W3: the newest page of a long conversation, median of ten. */
  private String history(int size) {
    List<User> users = registerMany(2);
    long conversation = client.befriend(users.get(0), users.get(1)).await();
    long fillStart = System.nanoTime();
    String db = options.get("db");
    if (db != null) {
      bulkLoad(db, conversation, users.get(0).id(), size);
      // the database writes the loaded pages out for a while: measure the service, not that
      sleep(Long.parseLong(options.getOrDefault("w3-settle-seconds", "60")) * 1000);
    } else {
      AtomicInteger next = new AtomicInteger();
      runMany(32, worker -> sendSequentially(users.get(0), conversation, next, size));
    }
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
    // a server in service has its code compiled: warm it up before timing
    for (int i = 0; i < 100; i++) {
      client.call(HttpMethod.GET, "/conversations/" + conversation + "/messages?limit=50", users.get(1).token(), null)
          .await();
    }
    long[] millis = new long[10];
    int pageSize = 0;
    for (int i = 0; i < millis.length; i++) {
      long t0 = System.nanoTime();
      JsonObject page = client.call(HttpMethod.GET, "/conversations/" + conversation + "/messages?limit=50",
          users.get(1).token(), null).await();
      millis[i] = (System.nanoTime() - t0) / 1_000;
      pageSize = page.getJsonArray("items").size();
    }
    Arrays.sort(millis);
    return String.format("W3 history open: messages=%d (filled in %.1fs%s) newest page of %d after 100 warm-up "
            + "requests: median=%.2fms "
            + "min=%.2fms max=%.2fms", size, fillSeconds, db != null ? " by bulk loader" : " through the API",
        pageSize, (millis[4] + millis[5]) / 2000.0, millis[0] / 1000.0, millis[9] / 1000.0);
  }

  /**
   * W5: one account's sockets that never read (a small receive buffer, pinging every 20 s so that
   * they are not idle) while its own group gets 15 KB texts at 20 a second from another of its
   * sockets, under the frame limit. Samples the server's heap and asks its health every second;
   * counts the stalled sockets closed as too slow (4413), and the friend's messages received.
   */
  private String slowReaders(int stalledCount, int seconds) {
    List<User> users = registerMany(2);
    User owner = users.get(0);
    User friend = users.get(1);
    client.befriend(owner, friend).await();
    long conversation = client.call(io.vertx.core.http.HttpMethod.POST, "/groups", owner.token(),
        new io.vertx.core.json.JsonObject().put("name", "firehose")
            .put("memberIds", new io.vertx.core.json.JsonArray().add(friend.id()))).await().getLong("conversationId");
    AtomicInteger closedAsSlow = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    List<WebSocket> stalled = new ArrayList<>();
    for (int i = 0; i < stalledCount; i++) {
      stalled.add(client.connectStalled(vertx, owner, closedAsSlow, closed).await());
    }
    AtomicInteger received = new AtomicInteger();
    WebSocket reader = client.connect(friend, frame -> {
      if (frame.text().contains("\"type\":\"message\"")) {
        received.incrementAndGet();
      }
    }).await();
    WebSocket sender = client.connect(owner, frame -> { }).await();
    String text = "满".repeat(5_000);
    AtomicInteger sent = new AtomicInteger();
    long sending = vertx.setPeriodic(50, id -> sender.writeTextMessage(new io.vertx.core.json.JsonObject()
        .put("type", "send").put("clientMsgId", "w5-" + sent.incrementAndGet()).put("conversationId", conversation)
        .put("kind", "text").put("text", text).encode()));
    long pinging = vertx.setPeriodic(20_000, id -> {
      stalled.forEach(s -> s.writeTextMessage("{\"type\":\"ping\"}"));
      reader.writeTextMessage("{\"type\":\"ping\"}");
    });
    double heapAtStart = metricSum(client.text("/metrics").await().getValue(), "jvm_memory_used_bytes", "area=\"heap\"")
        / (1 << 20);
    double heapMax = heapAtStart;
    double queuedMax = 0;
    int healthy = 0;
    int asked = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      sleep(1_000);
      String metrics = client.text("/metrics").await().getValue();
      heapMax = Math.max(heapMax, metricSum(metrics, "jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20));
      queuedMax = Math.max(queuedMax, metricSum(metrics, "ling_ws_queued_bytes", "") / (1 << 20));
      asked++;
      try {
        if (client.text("/health").timeout(2, TimeUnit.SECONDS).await().getKey() == 200) {
          healthy++;
        }
      } catch (RuntimeException e) {
        // not answered within 2 s: not healthy
      }
    }
    vertx.cancelTimer(sending);
    vertx.cancelTimer(pinging);
    double heapAtEnd = metricSum(client.text("/metrics").await().getValue(), "jvm_memory_used_bytes", "area=\"heap\"")
        / (1 << 20);
    String rss = serverRss();
    // a paused socket cannot see its close: read again, and the close (4413) comes after what was sent
    stalled.forEach(WebSocket::resume);
    sleep(10_000);
    int closedByServer = closed.get();
    stalled.forEach(WebSocket::close);
    reader.close();
    sender.close();
    return String.format("W5 slow readers: stalled=%d seconds=%d sent=%d friend-received=%d closed=%d (with 4413: %d) "
            + "heap-used-MiB start=%.0f max=%.0f end=%.0f unsent-MiB max=%.1f health=%d/%d server-rss=%s",
        stalledCount, seconds, sent.get(), received.get(), closedByServer, closedAsSlow.get(), heapAtStart, heapMax, heapAtEnd,
        queuedMax, healthy, asked, rss);
  }

  /** The sum of a metric's series (those whose labels contain {@code label}) in Prometheus text. */
  private static double metricSum(String metrics, String name, String label) {
    return metrics.lines().filter(line -> (line.startsWith(name + "{") || line.startsWith(name + " "))
            && line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** W4: many authenticated sockets held open and idle but for pings. */
  private String idleSockets(int count) {
    int userCount = Math.max(1, count / 100);
    List<User> users = registerMany(userCount);
    AtomicInteger open = new AtomicInteger();
    List<WebSocket> sockets = new ArrayList<>();
    for (int batch = 0; batch < count; batch += 200) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int i = batch; i < Math.min(count, batch + 200); i++) {
        opening.add(client.connect(users.get(i % userCount), frame -> { }).andThen(ar -> {
          if (ar.succeeded()) {
            open.incrementAndGet();
            ar.result().closeHandler(v -> open.decrementAndGet());
          }
        }));
      }
      Future.join(opening).otherwiseEmpty().await();
      opening.stream().filter(Future::succeeded).forEach(f -> sockets.add(f.result()));
    }
    int opened = open.get();
    long ping = vertx.setPeriodic(20_000, id -> sockets.forEach(s -> s.writeTextMessage("{\"type\":\"ping\"}")));
    sleep(Long.parseLong(options.getOrDefault("w4-hold-seconds", "45")) * 1000);
    vertx.cancelTimer(ping);
    int stillOpen = open.get();
    String rss = serverRss();
    sockets.forEach(WebSocket::close);
    return String.format("W4 idle sockets: requested=%d opened=%d still-open=%d server-rss=%s", count, opened,
        stillOpen, rss);
  }

  // ---- helpers

  /** The seqs one socket receives in one conversation: each lower than one seen before counts. */
  private static final class SeqOrder {
    private final AtomicLong outOfOrder;
    private long highest;

    SeqOrder(AtomicLong outOfOrder) {
      this.outOfOrder = outOfOrder;
    }

    synchronized void saw(Long seq) {
      if (seq == null) {
        return;
      }
      if (seq < highest) {
        outOfOrder.incrementAndGet();
      } else {
        highest = seq;
      }
    }
  }

  /** One sender's socket: keeps at most {@code window} messages unacknowledged. */
  private final class Sender {
    final String prefix;
    final long conversation;
    final int total;
    final int window;
    final AtomicLong errors;
    Map<String, Long> sentAt;
    WebSocket socket;
    int sent;

    Sender(String prefix, long conversation, int total, int window, Map<String, Long> sentAt, AtomicLong errors) {
      this.prefix = prefix;
      this.conversation = conversation;
      this.total = total;
      this.window = window;
      this.sentAt = sentAt;
      this.errors = errors;
    }

    void start() {
      vertx.runOnContext(v -> {
        for (int i = 0; i < window; i++) {
          sendNext();
        }
      });
    }

    synchronized void onFrame(Frame frame) {
      String type = frame.type();
      if ("ack".equals(type)) {
        sendNext();
      } else if ("error".equals(type)) {
        errors.incrementAndGet();
        sendNext();
      }
    }

    synchronized void sendNext() {
      if (sent >= total) {
        return;
      }
      String clientMsgId = prefix + "-" + sent++;
      sentAt.put(clientMsgId, micros());
      // the id is letters, digits and dashes: nothing in it needs escaping
      socket.writeTextMessage("{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\",\"conversationId\":"
          + conversation + ",\"kind\":\"text\",\"text\":\"bench message " + clientMsgId + "\"}");
    }
  }

  private Future<Void> sendSequentially(User user, long conversation, AtomicInteger next, int total) {
    int index = next.getAndIncrement();
    if (index >= total) {
      return Future.succeededFuture();
    }
    return client.call(HttpMethod.POST, "/conversations/" + conversation + "/messages", user.token(),
            new JsonObject().put("clientMsgId", run + "-w3-" + index).put("kind", "text")
                .put("text", "history message " + index))
        .compose(x -> sendSequentially(user, conversation, next, total));
  }

  /** Inserts the messages straight into the chat tables, as a migration of old history would. */
  /** A pool to the database given as host:port:name:user:password. */
  static Pool pool(Vertx vertx, String db) {
    String[] p = db.split(":", 5);
    return MySQLBuilder.pool().with(new PoolOptions().setMaxSize(4))
        .connectingTo(new MySQLConnectOptions().setHost(p[0]).setPort(Integer.parseInt(p[1])).setDatabase(p[2])
            .setUser(p[3]).setPassword(p[4]))
        .using(vertx).build();
  }

  private void bulkLoad(String db, long conversation, long senderId, int size) {
    Pool pool = pool(vertx, db);
    try {
      int batch = 2_000;
      for (int from = 1; from <= size; from += batch) {
        List<Tuple> rows = new ArrayList<>();
        for (int seq = from; seq < Math.min(size + 1, from + batch); seq++) {
          rows.add(Tuple.of(conversation, seq, senderId, run + "-bulk-" + seq, "text", "history message " + seq,
              java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)));
        }
        // one commit per batch, not per row
        pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO message (conversation_id, seq, sender_id, "
            + "client_msg_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)").executeBatch(rows)).await();
      }
      pool.preparedQuery("UPDATE conversation SET last_seq = ? WHERE id = ?").execute(Tuple.of(size, conversation))
          .await();
    } finally {
      pool.close().await();
    }
  }

  private List<User> registerMany(int count) {
    return runMany(count, i -> client.register(run + "_" + names.incrementAndGet()));
  }

  /** Runs {@code count} tasks, at most eight at a time, and returns their results in order. */
  private <T> List<T> runMany(int count, IntFunction<Future<T>> task) {
    List<T> results = new ArrayList<>();
    for (int from = 0; from < count; from += 8) {
      List<Future<T>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 8); i++) {
        batch.add(task.apply(i));
      }
      Future.all(batch).await();
      batch.forEach(f -> results.add(f.result()));
    }
    return results;
  }

  private String serverRss() {
    String pid = options.get("server-pid");
    if (pid == null) {
      return "unknown (pass --server-pid)";
    }
    try {
      return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
          .filter(line -> line.startsWith("VmRSS:")).map(line -> line.substring(6).strip())
          .findFirst().orElse("unknown");
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void await(Future<Void> done) {
    try {
      done.timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).await();
    } catch (RuntimeException e) {
      // the figures say what was delivered by then
    }
  }

  /**
   * Collects the load generator's own garbage (the set-up's) before a measured phase, so that its
   * pauses land outside it: a measured phase is a second or two, and one young collection of this
   * JVM stops every socket it reads for 10 ms or more. The server's heap is left alone.
   */
  private static void settleHeap() {
    System.gc();
  }

  static long micros() {
    return System.nanoTime() / 1_000;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
