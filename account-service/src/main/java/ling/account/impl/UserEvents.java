package ling.account.impl;

import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import ling.common.push.PushPublisher;

/** Pushes events ({@link ling.api.Pushes}) to users' sockets, wherever they are connected. */
final class UserEvents {

  private final PushPublisher pushes;

  UserEvents(PushPublisher pushes) {
    this.pushes = pushes;
  }

  void send(long userId, String type, JsonObject fields) {
    send(List.of(userId), type, fields);
  }

  void send(Collection<Long> userIds, String type, JsonObject fields) {
    pushes.publish(userIds, fields.copy().put("type", type));
  }
}
