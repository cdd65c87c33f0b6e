package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import ling.api.media.MediaSignalingService;
import ling.common.db.Database;

final class MediaSignalingServiceImpl implements MediaSignalingService {

  private final Pool pool;

  MediaSignalingServiceImpl(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
