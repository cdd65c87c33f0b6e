package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ling.api.media.IceServer;
import ling.api.media.MediaSignalingService;

/** {@code /calls}: what a client needs before it makes a call (the calls themselves run on the socket). */
final class CallRoutes {

  private final MediaSignalingService media;

  CallRoutes(MediaSignalingService media) {
    this.media = media;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.get("/calls/ice-servers").handler(authenticated).handler(this::iceServers);
  }

  private void iceServers(RoutingContext ctx) {
    // credentials are per user and expire: never cached on the way
    ctx.response().putHeader("Cache-Control", "no-store");
    Responses.answer(ctx, media.iceServers(Authenticated.userId(ctx)),
        servers -> Responses.json(ctx, 200, new JsonArray(servers.stream().map(IceServer::toJson).toList())));
  }
}
