package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import ling.api.file.FileService;
import ling.common.db.Database;

final class FileServiceImpl implements FileService {

  private final Pool pool;

  FileServiceImpl(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
