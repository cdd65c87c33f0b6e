package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;
import ling.api.Failures;
import ling.api.file.FileService;
import ling.common.db.Database;

final class FileServiceImpl implements FileService {

  private final Pool pool;
  private final Supplier<JsonObject> endpoint;
  private final FileRepository files;

  FileServiceImpl(Pool pool, Supplier<JsonObject> endpoint) {
    this.pool = pool;
    this.endpoint = endpoint;
    this.files = new FileRepository(pool);
  }

  @Override
  public Future<JsonObject> ownFile(long userId, long fileId) {
    return files.find(fileId).compose(found -> found.isPresent() && found.get().ownerId() == userId
        ? Future.succeededFuture(Downloads.info(found.get()))
        : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such file")));
  }

  @Override
  public Future<JsonObject> endpoint() {
    JsonObject current = endpoint.get();
    return current == null ? Future.failedFuture("the file endpoint is not listening yet")
        : Future.succeededFuture(current.copy());
  }

  @Override
  public Future<JsonObject> shareAsAvatar(long userId, long fileId) {
    return ownFile(userId, fileId).compose(info -> {
      if (!TypeSniffer.IMAGES.contains(info.getString("mime"))) {
        return Future.failedFuture(Failures.invalid("avatarFileId", "is not an image"));
      }
      return files.makePublic(fileId).map(info);
    });
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }
}
