package ling.api.chat;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/** Conversations, messages, sequence numbers, read state and recall. */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = "chat.service";

  static ChatService createProxy(Vertx vertx) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /** {@code {"status":"UP"|"DOWN", ...}} including the service's database check. */
  Future<JsonObject> health();
}
