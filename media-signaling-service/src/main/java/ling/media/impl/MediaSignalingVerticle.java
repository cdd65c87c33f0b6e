package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import ling.api.Addresses;
import ling.api.account.AccountEvents;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.media.MediaSignalingService;
import ling.common.runtime.ServiceVerticle;

/**
 * Serves {@link MediaSignalingService} over its own tables. Every instance sweeps for ringing
 * calls whose own instance did not time them out and for unrecorded ended calls (a call's lock
 * makes each happen once), and ends the calls of sockets on gateway nodes found dead.
 */
public class MediaSignalingVerticle extends ServiceVerticle<MediaSignalingService> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MediaSignalingVerticle.class);

  private long sweeper = -1;
  private MessageConsumer<JsonObject> nodeGone;
  private MessageConsumer<JsonObject> groupChanges;
  private Calls calls;

  public MediaSignalingVerticle() {
    super("media", MediaSignalingService.class, MediaSignalingService.ADDRESS);
  }

  @Override
  protected Future<MediaSignalingService> createService(JsonObject config) {
    JsonObject settings = config.getJsonObject("calls");
    CallRepository repository = new CallRepository(pool);
    ChatService chat = ChatService.createProxy(vertx);
    calls = new Calls(vertx, ling.common.push.PushPublisher.from(vertx, config), repository, chat,
        AccountService.createProxy(vertx),
        new CallRecorder(repository, chat), settings);
    sweeper = vertx.setPeriodic(settings.getInteger("sweepMillis"), id -> calls.expireOrphans());
    nodeGone = vertx.eventBus().consumer(Addresses.GATEWAY_NODE_GONE, msg -> {
      String nodeId = msg.body() == null ? null : msg.body().getString("nodeId");
      if (nodeId != null && !nodeId.isBlank()) {
        calls.nodeGone(nodeId);
      }
    });
    // a member who leaves a group, is removed from it, or sees it dissolved leaves its call too
    groupChanges = vertx.eventBus().consumer(AccountEvents.GROUP_CHANGED, msg -> {
      JsonObject event = msg.body();
      String what = event == null ? null : event.getString("what");
      if ("left".equals(what) || "removed".equals(what) || "dissolved".equals(what)) {
        JsonArray userIds = "dissolved".equals(what) ? null : event.getJsonArray("userIds");
        calls.membershipEnded(event.getLong("conversationId"),
                userIds == null ? null : userIds.stream().map(id -> ((Number) id).longValue()).toList())
            .onFailure(err -> LOG.warn("the call of conversation {} kept members who left: {}",
                event.getLong("conversationId"), err.getMessage()));
      }
    });
    return Future.all(nodeGone.completion(), groupChanges.completion())
        .map(x -> new MediaSignalingServiceImpl(pool, calls, new IceServers(settings, Clock.systemUTC())));
  }

  @Override
  protected Future<Void> closeService() {
    vertx.cancelTimer(sweeper);
    Future<Void> unregistered = Future.all(
        nodeGone == null ? Future.succeededFuture() : nodeGone.unregister(),
        groupChanges == null ? Future.succeededFuture() : groupChanges.unregister()).mapEmpty();
    return unregistered.eventually(() -> calls == null ? Future.succeededFuture() : calls.drain());
  }
}
