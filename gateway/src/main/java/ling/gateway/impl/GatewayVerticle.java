package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.media.MediaSignalingService;
import ling.common.cluster.ChatOwners;
import ling.common.runtime.Readiness;
import ling.gateway.impl.http.HttpApi;
import ling.gateway.impl.ws.WebSockets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket entry point under {@code /api/v1}. It authenticates, checks the shape
 * of requests, calls a service and maps its failures; it holds no business rules. The routes are
 * {@link HttpApi}'s and the sockets {@link WebSockets}'; the configuration is read once, into
 * {@link GatewaySettings}.
 */
public class GatewayVerticle extends VerticleBase implements Readiness {

  public static final String BASE_PATH = "/api/v1";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final int KEY_FETCH_ATTEMPTS = 120;

  private HttpServer server;
  private WebSockets sockets;
  private ChatOwners owners;

  @Override
  public Future<?> start() {
    GatewaySettings settings;
    try {
      settings = GatewaySettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    AccountService accounts = AccountService.createProxy(vertx);
    String configuredKey = settings.auth().publicKeyPem();
    Future<String> key = configuredKey != null ? Future.succeededFuture(configuredKey)
        : askAccounts(accounts::accessTokenPublicKey, KEY_FETCH_ATTEMPTS);
    return key
        .compose(publicKey -> askAccounts(accounts::installationId, KEY_FETCH_ATTEMPTS).map(installation ->
            new AccessTokenVerifier(vertx, publicKey, settings.auth(),
                new Installation(installation, accounts::installationId))))
        .compose(verifier -> {
          owners = new ChatOwners(vertx);
          return owners.start().map(verifier);
        })
        .compose(verifier -> {
          sockets = new WebSockets(vertx, accounts, ChatService.createProxy(vertx), owners,
              MediaSignalingService.createProxy(vertx), verifier, settings.ws());
          sockets.start();
          queuedBytesGauge(settings.metrics().registryName());
          HttpApi api = new HttpApi(vertx, settings, accounts, verifier, owners, sockets::upgrade);
          GatewaySettings.Http http = settings.http();
          // frames a little over the limit get an error frame (FrameRouter); far over it, the connection drops
          int hardCap = 2 * settings.ws().maxFrameBytes();
          return vertx.createHttpServer(new HttpServerOptions()
                  .setMaxWebSocketFrameSize(hardCap)
                  .setMaxWebSocketMessageSize(hardCap)
                  // no extension is offered, so a frame with reserved bits set is a protocol
                  // error (1002); and no compressed frame can inflate past the limits
                  .setPerMessageWebSocketCompressionSupported(false)
                  .setPerFrameWebSocketCompressionSupported(false)
                  // a connection silent this long is closed (sockets ping well within it)
                  .setIdleTimeout(http.idleSeconds())
                  // HTTP/1.1 only: with clear-text HTTP/2 on offer, connections would reach the
                  // guard only once their first bytes arrived
                  .setHttp2ClearTextEnabled(false))
              .connectionHandler(api::accept)
              .invalidRequestHandler(HttpApi::invalidRequest)
              .requestHandler(api.router())
              .listen(http.port(), http.host());
        })
        .onSuccess(s -> {
          server = s;
          LOG.info("gateway listening on http://{}:{}{}", settings.http().host(), s.actualPort(), BASE_PATH);
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = sockets == null ? Future.succeededFuture() : sockets.stop();
    return closed.eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> owners == null ? Future.succeededFuture() : owners.stop());
  }

  /** What this instance's sockets hold unwritten, as {@code ling_ws_queued_bytes} (one series per instance). */
  private void queuedBytesGauge(String registryName) {
    io.micrometer.core.instrument.MeterRegistry registry =
        io.vertx.micrometer.backends.BackendRegistries.getNow(registryName);
    if (registry != null) {
      io.micrometer.core.instrument.Gauge.builder("ling.ws.queued.bytes", sockets, WebSockets::queuedBytes)
          .description("bytes written to WebSockets that the kernel has not taken yet")
          .baseUnit("bytes")
          .tag("instance", deploymentID() + "/" + System.identityHashCode(this))
          .register(registry);
    }
  }

  /** Ready once it listens. */
  @Override
  public Future<Void> ready() {
    return server != null ? Future.succeededFuture() : Future.failedFuture("not listening yet");
  }

  /** The port actually bound (the configured one, or the one picked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Asks the account service, which may still be starting, until it answers. */
  private <T> Future<T> askAccounts(java.util.function.Supplier<Future<T>> question, int attemptsLeft) {
    return question.get().recover(err -> {
      if (attemptsLeft <= 1) {
        return Future.failedFuture("the account service did not answer: " + err.getMessage());
      }
      return vertx.timer(500, TimeUnit.MILLISECONDS).compose(t -> askAccounts(question, attemptsLeft - 1));
    });
  }

}
