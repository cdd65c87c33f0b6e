package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeUnit;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.file.FileService;
import ling.api.media.MediaSignalingService;
import ling.common.runtime.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket entry point under {@code /api/v1}. It authenticates, checks the shape
 * of requests, calls a service and maps its failures; it holds no business rules.
 */
public class GatewayVerticle extends VerticleBase implements Readiness {

  public static final String BASE_PATH = "/api/v1";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final int KEY_FETCH_ATTEMPTS = 120;

  private HttpServer server;
  private SocketHub hub;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    AccountService accounts = AccountService.createProxy(vertx);
    String configuredKey = config.getJsonObject("auth").getString("publicKeyPem");
    Future<String> key = configuredKey != null ? Future.succeededFuture(configuredKey)
        : askAccounts(accounts::accessTokenPublicKey, KEY_FETCH_ATTEMPTS);
    return key
        .compose(publicKey -> askAccounts(accounts::installationId, KEY_FETCH_ATTEMPTS).map(installation ->
            new AccessTokenVerifier(vertx, publicKey, config.getJsonObject("auth"),
                new Installation(installation, accounts::installationId))))
        .compose(verifier -> {
          hub = new SocketHub(vertx, accounts, ChatService.createProxy(vertx), MediaSignalingService.createProxy(vertx),
              verifier, config.getJsonObject("ws"), config.getJsonObject("presence"));
          hub.start();
          queuedBytesGauge(config.getJsonObject("metrics").getString("registryName"));
          Router root = router(config, accounts, verifier);
          JsonObject http = config.getJsonObject("http");
          // frames a little over the limit get an error frame (SocketHub); far over it, the connection drops
          int hardCap = 2 * config.getJsonObject("ws").getInteger("maxFrameBytes");
          ConnectionGuard guard = new ConnectionGuard(vertx, http, new ClientAddresses(http.getString("trustedProxies")));
          return vertx.createHttpServer(new HttpServerOptions()
                  .setMaxWebSocketFrameSize(hardCap)
                  .setMaxWebSocketMessageSize(hardCap)
                  // no extension is offered, so a frame with reserved bits set is a protocol
                  // error (1002); and no compressed frame can inflate past the limits
                  .setPerMessageWebSocketCompressionSupported(false)
                  .setPerFrameWebSocketCompressionSupported(false)
                  // a connection silent this long is closed (sockets ping well within it)
                  .setIdleTimeout(http.getInteger("idleSeconds"))
                  // HTTP/1.1 only: with clear-text HTTP/2 on offer, connections would reach the
                  // guard only once their first bytes arrived
                  .setHttp2ClearTextEnabled(false))
              .connectionHandler(guard::accept)
              .invalidRequestHandler(GatewayVerticle::invalidRequest)
              .requestHandler(root)
              .listen(http.getInteger("port"), http.getString("host"));
        })
        .onSuccess(s -> {
          server = s;
          LOG.info("gateway listening on http://{}:{}{}", config.getJsonObject("http").getString("host"),
              s.actualPort(), BASE_PATH);
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> sockets = hub == null ? Future.succeededFuture() : hub.stop();
    return sockets.eventually(() -> server == null ? Future.succeededFuture() : server.close());
  }

  /** What this instance's sockets hold unwritten, as {@code ling_ws_queued_bytes} (one series per instance). */
  private void queuedBytesGauge(String registryName) {
    io.micrometer.core.instrument.MeterRegistry registry =
        io.vertx.micrometer.backends.BackendRegistries.getNow(registryName);
    if (registry != null) {
      io.micrometer.core.instrument.Gauge.builder("ling.ws.queued.bytes", hub, SocketHub::queuedBytes)
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

  private Router router(JsonObject config, AccountService accounts, AccessTokenVerifier verifier) {
    Authenticated authenticated = new Authenticated(verifier);
    Router api = Router.router(vertx);
    // the upgrade must not meet the body handler
    api.get("/ws").handler(ctx -> upgrade(ctx, verifier));
    // file bytes stream through, past the body handler
    new FileRoutes(vertx, FileService.createProxy(vertx), config.getJsonObject("files")).mount(api, authenticated);
    api.route().handler(BodyHandler.create(false)
        .setBodyLimit(config.getJsonObject("http").getInteger("maxBodyBytes")));
    JsonObject metrics = config.getJsonObject("metrics");
    new HealthRoutes(vertx, metrics.getString("registryName"), metrics.getBoolean("onApi", true)).mount(api);
    new AuthRoutes(vertx, accounts, config.getJsonObject("rateLimit"),
        new ClientAddresses(config.getJsonObject("http").getString("trustedProxies"))).mount(api, authenticated);
    new UserRoutes(accounts).mount(api, authenticated);
    new FriendRoutes(accounts).mount(api, authenticated);
    new GroupRoutes(accounts).mount(api, authenticated);
    new ConversationRoutes(accounts, ChatService.createProxy(vertx)).mount(api, authenticated);
    new CallRoutes(MediaSignalingService.createProxy(vertx)).mount(api, authenticated);
    api.route().failureHandler(GatewayVerticle::failure);

    Router root = Router.router(vertx);
    root.route().handler(GatewayVerticle::wellFormedUri);
    root.route(BASE_PATH + "/*").subRouter(api);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      root.errorHandler(status, GatewayVerticle::failure);
    }
    return root;
  }

  /** A path or query whose percent-escapes do not decode is the caller's error, not ours. */
  private static void wellFormedUri(RoutingContext ctx) {
    String part = "path";
    try {
      java.net.URLDecoder.decode(ctx.request().path(), java.nio.charset.StandardCharsets.UTF_8);
      part = "query";
      String query = ctx.request().query();
      if (query != null) {
        java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, ApiError.invalid(part, "malformed percent-encoding"));
      return;
    }
    ctx.next();
  }

  /**
   * Requests the HTTP decoder could not read (a line or headers too long, not HTTP at all): the
   * same error body as every other refusal, and the connection closes.
   */
  static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String message = "request: malformed HTTP";
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      status = 414;
      message = "request: the request line is too long";
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      status = 431;
      message = "request: the headers are too large";
    }
    String code = status == 400 ? "invalid_request" : "too_large";
    request.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode())
        .onComplete(done -> request.connection().close());
  }

  private static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Responses.fail(ctx, failure != null ? failure : new HttpException(ctx.statusCode() < 0 ? 500 : ctx.statusCode()));
  }

  private void upgrade(RoutingContext ctx, AccessTokenVerifier verifier) {
    String upgrade = ctx.request().getHeader("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      Responses.error(ctx, ApiError.invalid("Upgrade", "this endpoint only accepts WebSocket upgrades"));
      return;
    }
    ctx.request().pause();
    verifier.verify(ctx.request(), true).onComplete(ar -> {
      if (ar.failed()) {
        ctx.request().resume();
        Responses.fail(ctx, ar.cause());
        return;
      }
      ctx.request().toWebSocket()
          .onSuccess(socket -> hub.attach(ar.result(), socket, ctx.request().connection()))
          .onFailure(err -> LOG.debug("WebSocket upgrade failed: {}", err.getMessage()));
    });
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
