package ling.api.chat;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Conversations, messages, sequence numbers, read state and recall. */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = "chat.service";

  static ChatService createProxy(Vertx vertx) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /**
   * The direct conversation of two friends: created on first use, reopened (history intact) when
   * they become friends again. Idempotent; completes with the conversation id.
   */
  Future<Long> openDirectConversation(long userA, long userB);

  /** The friendship ended: history stays readable, sending is refused. */
  Future<Void> closeDirectConversation(long userA, long userB);

  /** The conversation of a new group with its first members; idempotent per group. */
  Future<Long> openGroupConversation(long groupId, List<Long> memberIds);

  /** Members joined a group: they can read and send from now on. */
  Future<Void> addMembers(long conversationId, List<Long> userIds);

  /** Members left or were removed: they stop receiving and sending at once. */
  Future<Void> removeMembers(long conversationId, List<Long> userIds);

  /** The group was dissolved: nobody can send any more. */
  Future<Void> closeGroupConversation(long conversationId);

  /** {@code {"status":"UP"|"DOWN", ...}} including the service's database check. */
  Future<JsonObject> health();
}
