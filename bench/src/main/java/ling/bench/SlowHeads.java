package ling.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import ling.bench.LingClient.User;

/**
 * W6, slowloris: from one address (another loopback address than the users'), keep a number of
 * connections open that send a request head one header line at a time and never finish it,
 * opening new ones for those the server closed every {@code reopenMillis}. Meanwhile a newcomer asks {@code /health} on a
 * fresh connection four times a second and a signed-in user sends a message four times a second;
 * their latencies are what the attack costs everyone else.
 */
final class SlowHeads {

  private static final String HEAD = "GET /api/v1/health HTTP/1.1\r\nHost: ling\r\n";

  private final Vertx vertx;
  private final LingClient client;
  private final String host;
  private final int port;
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger failedToOpen = new AtomicInteger();
  private final AtomicInteger closedUnanswered = new AtomicInteger();
  private final AtomicInteger timedOut = new AtomicInteger();
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger opening = new AtomicInteger();
  private volatile boolean attacking = true;

  SlowHeads(Vertx vertx, LingClient client, String baseUrl) {
    this.vertx = vertx;
    this.client = client;
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort() < 0 ? 80 : uri.getPort();
  }

  String run(String runId, int connections, int seconds, String from, int lineEverySeconds, int reopenMillis) {
    User ann = client.register(runId + "_w6a").await();
    User bob = client.register(runId + "_w6b").await();
    long conversation = client.befriend(ann, bob).await();
    Latencies acks = new Latencies();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    WebSocket sender = client.connect(ann, frame -> {
      if ("ack".equals(frame.type())) {
        Long t0 = sentAt.remove(frame.string("clientMsgId"));
        if (t0 != null) {
          acks.add(Bench.micros() - t0);
        }
      }
    }).await();

    NetClient attacker = vertx.createNetClient(new NetClientOptions().setLocalAddress(from).setConnectTimeout(10_000));
    long topUp = vertx.setPeriodic(reopenMillis, id -> topUp(attacker, connections));
    AtomicLong lines = new AtomicLong();
    long trickle = vertx.setPeriodic(lineEverySeconds * 1000L, id -> open.forEach(socket ->
        socket.write("X-Line-" + lines.incrementAndGet() + ": 1\r\n")));
    // the attack builds up before anything is measured
    long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (open.size() + opening.get() < connections && System.nanoTime() < ready) {
      Bench.sleep(200);
    }
    Bench.sleep(2_000);
    int openAtStart = open.size();

    WebClient newcomer = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(false).setConnectTimeout(5_000));
    Latencies health = new Latencies();
    AtomicInteger healthFailed = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    long asking = vertx.setPeriodic(250, id -> {
      long t0 = Bench.micros();
      newcomer.get("/api/v1/health").timeout(5_000).send().onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          health.add(Bench.micros() - t0);
        } else {
          healthFailed.incrementAndGet();
        }
      });
      String clientMsgId = runId + "-w6-" + sent.incrementAndGet();
      sentAt.put(clientMsgId, Bench.micros());
      sender.writeTextMessage("{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\",\"conversationId\":"
          + conversation + ",\"kind\":\"text\",\"text\":\"during the attack\"}");
    });
    int openMin = openAtStart;
    int openMax = openAtStart;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      Bench.sleep(500);
      openMin = Math.min(openMin, open.size());
      openMax = Math.max(openMax, open.size());
    }
    vertx.cancelTimer(asking);
    attacking = false;
    vertx.cancelTimer(topUp);
    vertx.cancelTimer(trickle);
    Bench.sleep(2_000);
    open.forEach(NetSocket::close);
    attacker.close().await();
    newcomer.close();
    sender.close();
    return String.format("W6 slow heads: from=%s connections=%d seconds=%d attacker-opened=%d failed-to-open=%d "
            + "closed-unanswered=%d answered-408=%d held-open min=%d max=%d | newcomer /health %s failed=%d "
            + "| message ack %s unacknowledged=%d",
        from, connections, seconds, opened.get(), failedToOpen.get(), closedUnanswered.get(), timedOut.get(),
        openMin, openMax, health.summary(), healthFailed.get(), acks.summary(), sentAt.size());
  }

  /** Opens connections until the attacker holds (or is opening) as many as it wants. */
  private void topUp(NetClient attacker, int connections) {
    while (attacking && open.size() + opening.get() < connections) {
      opening.incrementAndGet();
      attacker.connect(port, host).onComplete(ar -> {
        opening.decrementAndGet();
        if (ar.failed()) {
          failedToOpen.incrementAndGet();
          return;
        }
        opened.incrementAndGet();
        NetSocket socket = ar.result();
        AtomicInteger received = new AtomicInteger();
        socket.handler(bytes -> {
          if (received.getAndAdd(bytes.length()) == 0 && bytes.toString().startsWith("HTTP/1.1 408")) {
            timedOut.incrementAndGet();
          }
        });
        socket.closeHandler(v -> {
          open.remove(socket);
          if (received.get() == 0) {
            closedUnanswered.incrementAndGet();
          }
        });
        open.add(socket);
        socket.write(Buffer.buffer(HEAD));
      });
    }
  }
}
