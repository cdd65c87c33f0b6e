package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;
import ling.api.Failures;
import ling.api.ServiceHealth;
import ling.api.chat.CallRecord;
import ling.api.chat.CallScope;
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatRing;
import ling.api.chat.ChatService;
import ling.api.chat.ConversationChanges;
import ling.api.chat.ConversationSummary;
import ling.api.chat.MembershipChange;
import ling.api.chat.SendOutcome;
import ling.api.chat.SendRequest;
import ling.api.file.FileService;
import ling.common.cluster.ClusterMembers;
import ling.common.db.Database;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class ChatServiceImpl implements ChatService {

  private static final Logger LOG = LoggerFactory.getLogger(ChatServiceImpl.class);

  private final Pool pool;
  private final Pool sendPool;
  private final MessageRepository messages;
  private final ConversationRepository conversations;
  private final Messaging messaging;
  private final MemberCache members;
  private final OwnerRing owners;

  ChatServiceImpl(Vertx vertx, Pool pool, JsonObject config) {
    this.pool = pool;
    this.conversations = new ConversationRepository(pool);
    JsonObject chat = config.getJsonObject("chat");
    this.owners = new OwnerRing(vertx, new RingRepository(pool),
        config.getJsonObject("cluster", new JsonObject()).getString("name", "ling"));
    // clustered, each send connection is on record, for survivors to end should this instance die
    boolean clustered = ClusterMembers.of(vertx).clustered();
    this.sendPool = Database.explicitCommitPool(vertx, config.getJsonObject("db"), "chat-send",
        chat.getInteger("commitsInFlight") + 1,
        conn -> clustered ? RingRepository.registerConnection(conn, owners.instanceId()) : Future.succeededFuture());
    MessageRepository messages = new MessageRepository(pool);
    this.members = new MemberCache(vertx, messages::activeMembers);
    this.messaging = new Messaging(vertx, messages, new MessageStore(pool, sendPool), members, owners,
        FileService.createProxy(vertx), config);
    this.messages = messages;
  }

  OwnerRing owners() {
    return owners;
  }

  Future<Void> start() {
    return members.start();
  }

  Future<Void> stop() {
    return members.stop().eventually(sendPool::close);
  }

  @Override
  public Future<Long> applyMembershipChange(MembershipChange change) {
    return guard(() -> {
      MembershipChanges.validate(change);
      // a pair's conversation opened here needs no read of its members on this instance
      long epoch = members.epoch();
      return conversations.apply(change).map(applied -> {
        if (applied.changed()) {
          if (MembershipChange.OPEN_DIRECT.equals(change.getKind())) {
            members.changed(applied.conversationId(), epoch, change.getUserIds());
          } else {
            members.changed(applied.conversationId());
          }
        }
        return applied.conversationId();
      });
    });
  }

  @Override
  public Future<ChatMessage> send(long userId, SendRequest request) {
    return guard(() -> messaging.send(userId, request));
  }

  @Override
  public Future<List<SendOutcome>> sendBatch(long userId, List<SendRequest> requests) {
    return guard(() -> messaging.sendBatch(userId, requests));
  }

  @Override
  public Future<List<ChatMessage>> history(long userId, long conversationId, Long beforeSeq, Long afterSeq,
                                           Integer limit) {
    return guard(() -> messaging.history(userId, conversationId, beforeSeq, afterSeq, limit));
  }

  @Override
  public Future<List<ChatMessage>> searchMessages(long userId, long conversationId, String query, Integer limit) {
    return guard(() -> messaging.search(userId, conversationId, query, limit));
  }

  @Override
  public Future<List<ConversationSummary>> listConversations(long userId) {
    return guard(() -> messaging.conversations(userId));
  }

  @Override
  public Future<Void> markRead(long userId, long conversationId, long seq) {
    return guard(() -> messaging.markRead(userId, conversationId, seq));
  }

  @Override
  public Future<Void> typing(long userId, long conversationId) {
    return guard(() -> messaging.typing(userId, conversationId));
  }

  @Override
  public Future<ChatMessage> recall(long userId, long messageId, Long conversationId) {
    return guard(() -> messaging.recall(userId, messageId, conversationId));
  }

  @Override
  public Future<ConversationSummary> updateConversation(long userId, long conversationId, ConversationChanges changes) {
    return guard(() -> messaging.update(userId, conversationId, changes));
  }

  /** Group changes from the account service become system messages. */
  Future<Void> onGroupChanged(JsonObject event) {
    return guard(() -> messaging.recordGroupChange(event));
  }

  @Override
  public Future<CallScope> callScope(long userId, long conversationId) {
    return guard(() -> messaging.callScope(userId, conversationId));
  }

  @Override
  public Future<Void> recordCall(long conversationId, long callerId, long callId, CallRecord call) {
    return guard(() -> messaging.recordCall(conversationId, callerId, callId, call));
  }

  @Override
  public Future<Boolean> canReadFile(long userId, long fileId) {
    return guard(() -> messages.canReadFile(userId, fileId));
  }

  @Override
  public Future<ChatRing> ring() {
    return Future.succeededFuture(owners.ring());
  }

  @Override
  public Future<ServiceHealth> health() {
    return Database.health(pool);
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }
}
