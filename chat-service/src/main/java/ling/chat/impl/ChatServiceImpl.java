package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import ling.api.chat.ChatService;
import ling.common.db.Database;

final class ChatServiceImpl implements ChatService {

  private final Pool pool;

  ChatServiceImpl(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
