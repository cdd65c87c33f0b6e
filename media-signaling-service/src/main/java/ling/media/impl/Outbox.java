package ling.media.impl;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.common.push.PushPublisher;

/**
 * The {@code call.*} events a change makes, collected while its transaction runs and published
 * only once it has committed: nobody hears of a change that was rolled back.
 */
final class Outbox {

  private record Pending(long userId, JsonObject event, PushPublisher.Route route) {
  }

  private final List<Pending> pending = new ArrayList<>();

  /** To every socket of the user. */
  Outbox toUser(long userId, JsonObject event) {
    pending.add(new Pending(userId, event, PushPublisher.Route.everySocket()));
    return this;
  }

  /** To the one socket the user takes part from. */
  Outbox toSocket(long userId, String socketId, JsonObject event) {
    pending.add(new Pending(userId, event, PushPublisher.Route.onlySocket(socketId)));
    return this;
  }

  /** To every socket of the user but one. */
  Outbox toOtherSockets(long userId, String socketId, JsonObject event) {
    pending.add(new Pending(userId, event, PushPublisher.Route.exceptSocket(socketId)));
    return this;
  }

  void publish(PushPublisher pushes) {
    pending.forEach(p -> pushes.publish(List.of(p.userId()), p.event(), p.route()));
    pending.clear();
  }

  static JsonObject event(String type, long callId) {
    return new JsonObject().put("type", type).put("callId", callId);
  }
}
