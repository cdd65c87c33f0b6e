package ling.api.media;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Call state machines and the relay of WebRTC signaling between participants. */
@ProxyGen
@VertxGen
public interface MediaSignalingService {

  String ADDRESS = "media.signaling";

  static MediaSignalingService createProxy(Vertx vertx) {
    return new MediaSignalingServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /** {@code {"status":"UP"|"DOWN", ...}} including the service's database check. */
  Future<JsonObject> health();
}
