package ling.gateway.impl.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import ling.api.Failures;
import ling.api.file.FileEndpoint;
import ling.api.file.FileService;
import ling.gateway.impl.GatewaySettings.FileProxy;
import ling.gateway.impl.GatewayVerticle;
import ling.gateway.impl.RateLimited;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /files/...}: authenticated here, then streamed both ways to the file service's own
 * endpoint (tus uploads, downloads), so that no file passes through the event bus or sits in
 * the gateway's memory. The file service answers in the contract's terms.
 *
 * <p>Requests with a body (uploads) and without (downloads, info) go through separate connection
 * pools, and each user may have only so many uploads in flight here, so that slow or stalled
 * uploads can starve neither another user's uploads nor anyone's downloads. Every hop has a
 * time-out: getting a connection, and silence on the request or the response.
 */
final class FileRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(FileRoutes.class);
  /** Not forwarded: hop-by-hop headers, the caller's token, and anything posing as the gateway. */
  private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "host",
      "authorization", "te", "trailer", "proxy-authorization", "proxy-connection", "ling-internal-token",
      "ling-user-id", "expect");

  /** The file endpoint's answer to a token of its previous start (Misdirected Request). */
  private static final int STALE_ENDPOINT = 421;

  private final FileService files;
  private final HttpClient uploads;
  private final HttpClient downloads;
  private final int uploadsPerUser;
  private final long connectMillis;
  private final long idleMillis;
  /** Uploads in flight through this instance, by user (used from its event loop only). */
  private final Map<Long, Integer> uploading = new HashMap<>();
  private Future<FileEndpoint> endpoint;

  /** @param proxy connections per pool, uploads per user, time-outs */
  FileRoutes(Vertx vertx, FileService files, FileProxy proxy) {
    this.files = files;
    this.uploadsPerUser = proxy.proxyUploadsPerUser();
    this.connectMillis = proxy.proxyConnectMillis();
    this.idleMillis = proxy.proxyIdleMillis();
    int connections = proxy.proxyConnections();
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) connectMillis)
        .setIdleTimeout((int) Math.max(1, idleMillis / 1000))
        .setKeepAliveTimeout(30);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(4 * connections);
    this.uploads = vertx.createHttpClient(options, pool);
    this.downloads = vertx.createHttpClient(new HttpClientOptions(options), new PoolOptions(pool));
  }

  void mount(Router api, Authenticated authenticated) {
    // /files and below, not /filesystem
    api.routeWithRegex("/files(/.*)?")
        // the body is streamed on, so nothing may read it before the proxy does
        .handler(ctx -> {
          ctx.request().pause();
          ctx.next();
        })
        .handler(authenticated)
        .handler(this::route);
  }

  private void route(RoutingContext ctx) {
    if (!hasBody(ctx)) {
      proxy(ctx, downloads, true);
      return;
    }
    long userId = Authenticated.userId(ctx);
    int inFlight = uploading.getOrDefault(userId, 0);
    if (inFlight >= uploadsPerUser) {
      // the body is not read: the caller sends it again on a new connection
      ctx.response().putHeader("Connection", "close");
      Responses.fail(ctx, new RateLimited(1));
      return;
    }
    uploading.put(userId, inFlight + 1);
    ctx.addEndHandler(done -> uploading.computeIfPresent(userId, (id, n) -> n > 1 ? n - 1 : null));
    proxy(ctx, uploads, false);
  }

  private void proxy(RoutingContext ctx, HttpClient client, boolean mayRetry) {
    long userId = Authenticated.userId(ctx);
    String uri = ctx.request().uri().substring(GatewayVerticle.BASE_PATH.length());
    endpoint()
        .compose(target -> client.request(new RequestOptions()
                .setMethod(ctx.request().method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(uri)
                .setConnectTimeout(connectMillis)
                .setIdleTimeout(idleMillis))
            .compose(request -> {
              copy(ctx.request().headers(), request.headers());
              request.putHeader("Ling-Internal-Token", target.getToken());
              request.putHeader("Ling-User-Id", Long.toString(userId));
              // a caller that goes away mid-body ends the file service's request too (which keeps
              // what arrived), rather than leaving it waiting for the rest
              ctx.response().closeHandler(v -> request.reset());
              if (hasBody(ctx) && "100-continue".equalsIgnoreCase(ctx.request().getHeader("Expect"))) {
                // the caller waits for this before it sends the body
                ctx.response().writeContinue();
              }
              if (hasBody(ctx)) {
                return request.send(ctx.request());
              }
              request.headers().remove("Content-Length");
              return request.send();
            })
            .compose(response -> response.statusCode() == STALE_ENDPOINT
                // the file service restarted on the same address with a new token
                ? Future.<HttpClientResponse>failedFuture("the file endpoint's token is stale")
                : Future.succeededFuture(response)))
        .onSuccess(response -> answer(ctx, response))
        .onFailure(err -> {
          // the endpoint may have moved (a restarted file service): ask again next time
          endpoint = null;
          if (mayRetry && !hasBody(ctx) && !ctx.response().headWritten()) {
            // a request without a body can go again, on a fresh connection
            proxy(ctx, client, false);
            return;
          }
          LOG.warn("file request {} {} failed: {}", ctx.request().method(), uri, err.getMessage());
          if (!ctx.response().headWritten()) {
            if (!ctx.request().isEnded()) {
              // the rest of the body is not read: the caller sends it again on a new connection
              ctx.response().putHeader("Connection", "close");
            }
            Responses.fail(ctx, Failures.of(Failures.UNAVAILABLE, "the file service is not available"));
          } else {
            ctx.response().reset();
          }
        });
  }

  /** A body to stream on: a declared length above 0 or chunks (a request without one has ended already). */
  private static boolean hasBody(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    String encoding = ctx.request().getHeader("Transfer-Encoding");
    return !ctx.request().isEnded()
        && ((encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
        || (length != null && !length.equals("0")));
  }

  private static void answer(RoutingContext ctx, HttpClientResponse response) {
    ctx.response().setStatusCode(response.statusCode()).setStatusMessage(response.statusMessage());
    copy(response.headers(), ctx.response().headers());
    if (!ctx.request().isEnded()) {
      // answered before the whole body came (refused): the rest of it is not read
      ctx.response().putHeader("Connection", "close");
    }
    // chunked only where the file service chunked it: a 204 or 304 has no body at all
    String encoding = response.getHeader("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
      ctx.response().setChunked(true);
    }
    response.pipeTo(ctx.response()).onFailure(err -> LOG.debug("file response cut: {}", err.getMessage()));
    // a client that stops reading or goes away stops the file service's response too
    ctx.response().closeHandler(v -> response.request().reset());
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach((name, value) -> {
      if (!DROPPED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        to.add(name, value);
      }
    });
  }

  private Future<FileEndpoint> endpoint() {
    if (endpoint == null || endpoint.failed()) {
      endpoint = files.endpoint();
    }
    return endpoint;
  }
}
