package ling.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The socket to the gateway, kept open: it pings within the idle limit, and after a cut it
 * connects again with growing pauses (1 s doubling to 30 s). Frames arrive on the socket's
 * threads; listeners hand them to the FX thread themselves.
 */
public final class LiveSocket {

  /** Where the connection stands, for the status shown to the user. */
  public enum State { CONNECTING, ONLINE, OFFLINE, SIGNED_OUT }

  private static final long PING_SECONDS = 25;
  private static final long MAX_BACKOFF_MILLIS = 30_000;
  private static final int SESSION_REVOKED = 4401;

  private final Gateway gateway;
  private final Consumer<JsonNode> onFrame;
  private final Consumer<State> onState;
  /** Runs after every successful (re)connect: the place to catch up what was missed. */
  private final Runnable onConnected;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "ling-socket");
    thread.setDaemon(true);
    return thread;
  });
  private volatile WebSocket socket;
  private volatile boolean stopped;
  private long backoffMillis = 1_000;
  private ScheduledFuture<?> pinger;
  private volatile Listener listener;
  private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

  public LiveSocket(Gateway gateway, Consumer<JsonNode> onFrame, Consumer<State> onState, Runnable onConnected) {
    this.gateway = gateway;
    this.onFrame = onFrame;
    this.onState = onState;
    this.onConnected = onConnected;
  }

  public void start() {
    timer.execute(this::connect);
  }

  /** Closes for good (sign-out, exit). */
  public void stop() {
    stopped = true;
    WebSocket held = socket;
    if (held != null) {
      held.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      held.abort();
    }
    timer.shutdownNow();
  }

  /** Cuts the connection as a network failure would; it comes back by itself. */
  public void cut() {
    WebSocket held = socket;
    Listener current = listener;
    if (held != null) {
      held.abort();
    }
    if (current != null) {
      current.lost();
    }
  }

  /**
   * Sends a frame without waiting (never blocks the caller); false when the socket is not open
   * (the caller keeps the frame for later).
   */
  public boolean send(ObjectNode frame) {
    WebSocket held = socket;
    if (held == null) {
      return false;
    }
    String text = Wire.write(frame);
    synchronized (this) {
      // a java.net.http WebSocket takes one text message at a time: each send waits for the one before
      sending = sending.exceptionally(err -> null).thenCompose(x -> held.sendText(text, true))
          .whenComplete((sent, err) -> {
            if (err != null && listener != null) {
              listener.lost();
            }
          });
    }
    return true;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    onState.accept(State.CONNECTING);
    Gateway.Tokens tokens = gateway.tokens();
    if (tokens == null) {
      onState.accept(State.SIGNED_OUT);
      return;
    }
    URI http = gateway.base().resolve("ws");
    URI ws = URI.create(http.toString().replaceFirst("^http", "ws"));
    gateway.http().newWebSocketBuilder()
        .header("Authorization", "Bearer " + tokens.accessToken())
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(ws, listener = new Listener())
        .whenComplete((opened, err) -> {
          if (err != null) {
            // an expired access token is refused with 401: renew it, then try again
            gateway.me().whenComplete((me, refused) -> retryLater());
          }
        });
  }

  private void retryLater() {
    if (stopped) {
      return;
    }
    socket = null;
    onState.accept(State.OFFLINE);
    long wait = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    try {
      timer.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // stopped meanwhile
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private boolean ended;

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      backoffMillis = 1_000;
      pinger = timer.scheduleAtFixedRate(() -> send(Wire.object().put("type", "ping")), PING_SECONDS, PING_SECONDS,
          TimeUnit.SECONDS);
      onState.accept(State.ONLINE);
      onConnected.run();
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onFrame.accept(Wire.tree(text));
        } catch (RuntimeException e) {
          // one bad frame does not end the connection
          System.getLogger("ling.client").log(System.Logger.Level.WARNING, "frame not handled", e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (statusCode == SESSION_REVOKED) {
        stopped = true;
        end();
        onState.accept(State.SIGNED_OUT);
      } else {
        lost();
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost();
    }

    /** The connection is gone (whichever way it noticed first): connect again later. */
    void lost() {
      if (end()) {
        retryLater();
      }
    }

    private synchronized boolean end() {
      if (ended) {
        return false;
      }
      ended = true;
      socket = null;
      if (pinger != null) {
        pinger.cancel(false);
      }
      return true;
    }
  }
}
