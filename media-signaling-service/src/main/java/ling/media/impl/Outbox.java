package ling.media.impl;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.api.Addresses;
import ling.api.media.MediaSignalingService;

/**
 * The {@code call.*} events a change makes, collected while its transaction runs and published
 * only once it has committed: nobody hears of a change that was rolled back.
 */
final class Outbox {

  private record Pending(long userId, JsonObject event) {
  }

  private final List<Pending> pending = new ArrayList<>();

  /** To every socket of the user. */
  Outbox toUser(long userId, JsonObject event) {
    pending.add(new Pending(userId, event));
    return this;
  }

  /** To the one socket the user takes part from. */
  Outbox toSocket(long userId, String socketId, JsonObject event) {
    return toUser(userId, event.copy().put(MediaSignalingService.ONLY_SOCKET, socketId));
  }

  /** To every socket of the user but one. */
  Outbox toOtherSockets(long userId, String socketId, JsonObject event) {
    return toUser(userId, event.copy().put(MediaSignalingService.EXCEPT_SOCKET, socketId));
  }

  void publish(EventBus bus) {
    pending.forEach(p -> bus.publish(Addresses.user(p.userId()), p.event()));
    pending.clear();
  }

  static JsonObject event(String type, long callId) {
    return new JsonObject().put("type", type).put("callId", callId);
  }
}
