package ling.chat.impl;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.stream.Collectors;
import ling.api.Addresses;

/**
 * Tells the members' sockets about a new message. The event is encoded once and travels as text
 * (a JSON object would be copied for every local receiver and encoded again by each): to each
 * member's address in a small conversation, and once to every gateway, with the members named in
 * a header, from {@code broadcastFrom} members on.
 */
final class MessagePush {

  private final Vertx vertx;
  private final int broadcastFrom;

  MessagePush(Vertx vertx, int broadcastFrom) {
    this.vertx = vertx;
    this.broadcastFrom = broadcastFrom;
  }

  void push(Collection<Long> members, JsonObject event, long senderId, String clientMsgId) {
    String text = event.encode();
    DeliveryOptions options = new DeliveryOptions()
        .addHeader(Addresses.SENDER_HEADER, Long.toString(senderId))
        .addHeader(Addresses.CLIENT_MSG_ID_HEADER, clientMsgId);
    if (members.size() >= broadcastFrom) {
      options.addHeader(Addresses.TO_HEADER, members.stream().map(String::valueOf).collect(Collectors.joining(",")));
      vertx.eventBus().publish(Addresses.FANOUT, text, options);
    } else {
      members.forEach(member -> vertx.eventBus().publish(Addresses.user(member), text, options));
    }
  }
}
