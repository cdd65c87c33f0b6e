package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import ling.api.account.AccountEvents;
import ling.api.chat.ChatService;
import io.vertx.serviceproxy.ServiceBinder;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link ChatService} over its own tables. */
public class ChatVerticle extends ServiceVerticle<ChatService> {

  public ChatVerticle() {
    super("chat", ChatService.class, ChatService.ADDRESS);
  }

  private MessageConsumer<JsonObject> groupChanges;
  private MessageConsumer<JsonObject> ownerConsumer;
  private ChatServiceImpl service;
  /** Group changes are recorded one after another, in the order they were published. */
  private Future<Void> recording = Future.succeededFuture();

  @Override
  protected Future<ChatService> createService(JsonObject config) {
    ChatServiceImpl service = new ChatServiceImpl(vertx, pool, config);
    this.service = service;
    groupChanges = vertx.eventBus().consumer(AccountEvents.GROUP_CHANGED,
        msg -> recording = recording.eventually(() -> service.onGroupChanged(msg.body())));
    return groupChanges.completion().compose(x -> service.start())
        .compose(x -> {
          // listening at its own address before any gateway can learn that it owns something
          ownerConsumer = new ServiceBinder(vertx).setAddress(ChatService.ownerAddress(service.owners().instanceId()))
              .register(ChatService.class, service);
          return ownerConsumer.completion();
        })
        .compose(x -> service.owners().join())
        .map(service);
  }

  @Override
  protected Future<Void> closeService() {
    // out of the ring first, so that its conversations move while it still answers
    Future<Void> left = service == null ? Future.succeededFuture() : service.owners().leave();
    return left
        .eventually(() -> ownerConsumer == null ? Future.succeededFuture() : ownerConsumer.unregister())
        .eventually(() -> service == null ? Future.succeededFuture() : service.stop())
        .eventually(() -> groupChanges == null ? Future.succeededFuture() : groupChanges.unregister());
  }
}
