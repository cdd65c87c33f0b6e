package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.common.cluster.ChatOwners;
import ling.api.file.FileService;
import ling.api.media.MediaSignalingService;
import ling.gateway.impl.AccessTokenVerifier;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.GatewaySettings;
import ling.gateway.impl.GatewayVerticle;

/**
 * The HTTP side of the gateway: the routes under {@code /api/v1}, every failure answered with the
 * contract's error body, and the guard that admits connections before any byte is read.
 */
public final class HttpApi {

  private final Router root;
  private final ConnectionGuard guard;

  /** @param webSockets takes {@code GET /ws}, which must not meet the body handler */
  public HttpApi(Vertx vertx, GatewaySettings settings, AccountService accounts, AccessTokenVerifier verifier,
                 ChatOwners owners, Handler<RoutingContext> webSockets) {
    ClientAddresses clients = new ClientAddresses(settings.http().trustedProxies());
    this.root = router(vertx, settings, accounts, verifier, owners, webSockets, clients);
    this.guard = new ConnectionGuard(vertx, settings.http(), clients);
  }

  /** Serves every request. */
  public Router router() {
    return root;
  }

  /** Admits or closes a connection that has just been accepted; runs on its event loop. */
  public void accept(HttpConnection connection) {
    guard.accept(connection);
  }

  private static Router router(Vertx vertx, GatewaySettings settings, AccountService accounts,
                               AccessTokenVerifier verifier, ChatOwners owners, Handler<RoutingContext> webSockets,
                               ClientAddresses clients) {
    Authenticated authenticated = new Authenticated(verifier);
    Router api = Router.router(vertx);
    // the upgrade must not meet the body handler
    api.get("/ws").handler(webSockets);
    // file bytes stream through, past the body handler
    new FileRoutes(vertx, FileService.createProxy(vertx), settings.files()).mount(api, authenticated);
    api.route().handler(BodyHandler.create(false).setBodyLimit(settings.http().maxBodyBytes()));
    GatewaySettings.Metrics metrics = settings.metrics();
    new HealthRoutes(vertx, metrics.registryName(), metrics.onApi()).mount(api);
    new AuthRoutes(vertx, accounts, settings.rateLimit(), clients).mount(api, authenticated);
    new UserRoutes(accounts).mount(api, authenticated);
    new FriendRoutes(accounts).mount(api, authenticated);
    new GroupRoutes(accounts).mount(api, authenticated);
    new ConversationRoutes(accounts, ChatService.createProxy(vertx), owners).mount(api, authenticated);
    new CallRoutes(MediaSignalingService.createProxy(vertx)).mount(api, authenticated);
    new AssistantRoutes(settings.assistant() ? ling.api.assistant.AssistantService.createProxy(vertx) : null)
        .mount(api, authenticated);
    api.route().failureHandler(HttpApi::failure);

    Router root = Router.router(vertx);
    root.route().handler(HttpApi::wellFormedUri);
    root.route(GatewayVerticle.BASE_PATH + "/*").subRouter(api);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      root.errorHandler(status, HttpApi::failure);
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
  public static void invalidRequest(HttpServerRequest request) {
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
}
