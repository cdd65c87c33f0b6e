package ling.api.chat;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;
import ling.api.ServiceHealth;

/** Conversations, messages, sequence numbers, read state and recall. */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = "chat.service";

  /** Sending to a conversation that is closed (friendship ended, group dissolved). */
  int CONVERSATION_CLOSED = 40301;
  /** A recall past the sender's window. */
  int RECALL_EXPIRED = 40302;

  /**
   * A send reached an instance that does not own its conversation under the current ring (or the
   * ring moved while it was being stored, and nothing was): the caller asks again, of the owner
   * the newest ring names. Sends are idempotent by clientMsgId, so asking again is safe.
   */
  int NOT_OWNER = 50311;

  /**
   * A membership change arrived before the change numbered just before it: the sender delivers
   * that one first, then this one again.
   */
  int CHANGE_OUT_OF_ORDER = 50312;

  /** Published by the instance that changed the ring, with the new {@link ChatRing} as JSON. */
  String RING_CHANGED = "events.chat.ring";

  static ChatService createProxy(Vertx vertx) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  static ChatService createProxyWithTimeout(Vertx vertx, long timeoutMillis) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(timeoutMillis));
  }

  /** Where one instance serves the conversations it owns (and only those, for sends). */
  static String ownerAddress(String instanceId) {
    return ADDRESS + ".owner." + instanceId;
  }

  /** A proxy to one instance, for the conversations the ring gives it. */
  static ChatService createOwnerProxy(Vertx vertx, String instanceId) {
    return new ChatServiceVertxEBProxy(vertx, ownerAddress(instanceId), new DeliveryOptions().setSendTimeout(10_000));
  }

  /**
   * Applies a change of who is in a conversation (opening and closing it included), exactly once
   * and in the order of {@link MembershipChange#getSeq()}; completes with the conversation's id (0
   * for a pair that never had one). A repeat of a change already applied changes nothing.
   */
  Future<Long> applyMembershipChange(MembershipChange change);

  /**
   * Stores a message and answers once it is committed; every member's sockets then get the
   * {@code message} event. The same {@code clientMsgId} from the same sender again returns the
   * first message and stores nothing.
   */
  Future<ChatMessage> send(long userId, SendRequest request);

  /**
   * Several sends of one user, in the order given: those to one conversation are stored in one
   * transaction (seqs in that order); each is answered as {@link #send} would, one outcome per
   * request.
   */
  Future<List<SendOutcome>> sendBatch(long userId, List<SendRequest> requests);

  /**
   * A page of a conversation, ascending by seq: the newest {@code limit} before {@code beforeSeq}
   * (or the newest of all), or the oldest {@code limit} after {@code afterSeq}.
   */
  Future<List<ChatMessage>> history(long userId, long conversationId, @Nullable Long beforeSeq,
                                    @Nullable Long afterSeq, @Nullable Integer limit);

  /** Messages whose text contains the query, newest first. */
  Future<List<ChatMessage>> searchMessages(long userId, long conversationId, String query, @Nullable Integer limit);

  /** The user's conversations, most recent first, in one query whatever their number. */
  Future<List<ConversationSummary>> listConversations(long userId);

  /** The user has read up to {@code seq}; the peer of a direct conversation gets {@code read}. */
  Future<Void> markRead(long userId, long conversationId, long seq);

  /** Tells the other members that the user is typing (nothing is stored). */
  Future<Void> typing(long userId, long conversationId);

  /**
   * Recalls a message: its sender within the window, or a group's owner or admins at any time.
   * With a conversation id, a message of another conversation is "not found" (and untouched).
   */
  Future<ChatMessage> recall(long userId, long messageId, @Nullable Long conversationId);

  /**
   * The user's own settings of a conversation; only those the client gave change. The shape of the
   * body is checked by {@link ConversationChanges#from} before it is sent here.
   */
  Future<ConversationSummary> updateConversation(long userId, long conversationId, ConversationChanges changes);

  /**
   * For starting or joining a call: the scope of a conversation the user is an active member of
   * (the members read fresh); any other is "not found".
   */
  Future<CallScope> callScope(long userId, long conversationId);

  /**
   * Records a finished call as a {@code call} message from its caller; once per call id, however
   * often it is asked.
   */
  Future<Void> recordCall(long conversationId, long callerId, long callId, CallRecord call);

  /** The ring this instance works under: who owns which conversations. */
  Future<ChatRing> ring();

  /** UP exactly when the service's database answers. */
  Future<ServiceHealth> health();

  /** Whether the user is an active member of a conversation where the file was sent (and not recalled). */
  Future<Boolean> canReadFile(long userId, long fileId);
}
