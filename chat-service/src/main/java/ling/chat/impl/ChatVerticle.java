package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import ling.api.account.AccountEvents;
import ling.api.chat.ChatService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link ChatService} over its own tables. */
public class ChatVerticle extends ServiceVerticle<ChatService> {

  public ChatVerticle() {
    super("chat", ChatService.class, ChatService.ADDRESS);
  }

  private MessageConsumer<JsonObject> groupChanges;
  private ChatServiceImpl service;
  /** Group changes are recorded one after another, in the order they were published. */
  private Future<Void> recording = Future.succeededFuture();

  @Override
  protected Future<ChatService> createService(JsonObject config) {
    ChatServiceImpl service = new ChatServiceImpl(vertx, pool, config);
    this.service = service;
    groupChanges = vertx.eventBus().consumer(AccountEvents.GROUP_CHANGED,
        msg -> recording = recording.eventually(() -> service.onGroupChanged(msg.body())));
    return groupChanges.completion().compose(x -> service.start()).map(service);
  }

  @Override
  protected Future<Void> closeService() {
    Future<Void> stopped = service == null ? Future.succeededFuture() : service.stop();
    return stopped.eventually(() -> groupChanges == null ? Future.succeededFuture() : groupChanges.unregister());
  }
}
