package ling.account.impl;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import ling.api.Addresses;

/** Pushes events to users' sockets, wherever they are connected. */
final class UserEvents {

  private final Vertx vertx;

  UserEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  void send(long userId, String type, JsonObject fields) {
    vertx.eventBus().publish(Addresses.user(userId), fields.copy().put("type", type));
  }

  void send(Collection<Long> userIds, String type, JsonObject fields) {
    JsonObject event = fields.copy().put("type", type);
    userIds.forEach(id -> vertx.eventBus().publish(Addresses.user(id), event));
  }
}
