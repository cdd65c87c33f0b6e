package ling.api.assistant;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The AI assistant: a user every user has as a contact, answering in their direct conversation
 * from an OpenAI-compatible backend. Questions are ordinary messages sent to that conversation;
 * answers stream to the asker's sockets as {@code assistant.delta} events and are stored as one
 * message when complete, or end in an {@code assistant.error} event. Served only where a backend is
 * configured.
 */
@ProxyGen
@VertxGen
public interface AssistantService {

  String ADDRESS = "assistant.service";

  /** The user's questions of the current window are used up. */
  int QUOTA_EXCEEDED = 42960;
  /** An answer for the user is still being written. */
  int BUSY = 40960;
  /** The conversation has no unread messages to summarise. */
  int NOTHING_UNREAD = 40961;

  static AssistantService createProxy(Vertx vertx) {
    return new AssistantServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /** The assistant as the user's contact (made on the first call) and what the user may still ask. */
  Future<AssistantStatus> status(long userId);

  /**
   * Starts a summary of the conversation's unread messages, written into the user's conversation
   * with the assistant; answers once it is under way. Only a member of the conversation may ask.
   */
  Future<AssistantStatus> summarise(long userId, long conversationId);
}
