package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import ling.api.Failures;
import ling.api.chat.ChatService;
import ling.common.db.Database;

final class ChatServiceImpl implements ChatService {

  private final Pool pool;
  private final ConversationRepository conversations;

  ChatServiceImpl(Pool pool) {
    this.pool = pool;
    this.conversations = new ConversationRepository(pool);
  }

  @Override
  public Future<Long> openDirectConversation(long userA, long userB) {
    if (userA == userB || userA < 1 || userB < 1) {
      return Future.failedFuture(Failures.invalid("userB", "must be another user"));
    }
    return conversations.openDirect(userA, userB);
  }

  @Override
  public Future<Void> closeDirectConversation(long userA, long userB) {
    return conversations.closeDirect(userA, userB);
  }

  @Override
  public Future<Long> openGroupConversation(long groupId, List<Long> memberIds) {
    return conversations.openGroup(groupId, List.copyOf(memberIds));
  }

  @Override
  public Future<Void> addMembers(long conversationId, List<Long> userIds) {
    return conversations.addMembers(conversationId, List.copyOf(userIds));
  }

  @Override
  public Future<Void> removeMembers(long conversationId, List<Long> userIds) {
    return conversations.removeMembers(conversationId, List.copyOf(userIds));
  }

  @Override
  public Future<Void> closeGroupConversation(long conversationId) {
    return conversations.close(conversationId);
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
