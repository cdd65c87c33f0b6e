package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;
import ling.api.file.FileService;
import ling.common.db.Database;

final class FileServiceImpl implements FileService {

  private final Pool pool;
  private final Supplier<JsonObject> endpoint;

  FileServiceImpl(Pool pool, Supplier<JsonObject> endpoint) {
    this.pool = pool;
    this.endpoint = endpoint;
  }

  @Override
  public Future<JsonObject> endpoint() {
    JsonObject current = endpoint.get();
    return current == null ? Future.failedFuture("the file endpoint is not listening yet")
        : Future.succeededFuture(current.copy());
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
