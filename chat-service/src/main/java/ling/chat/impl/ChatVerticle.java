package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.chat.ChatService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link ChatService} over its own tables. */
public class ChatVerticle extends ServiceVerticle<ChatService> {

  public ChatVerticle() {
    super("chat", ChatService.class, ChatService.ADDRESS);
  }

  @Override
  protected Future<ChatService> createService(JsonObject config) {
    return Future.succeededFuture(new ChatServiceImpl(vertx, pool, config));
  }
}
