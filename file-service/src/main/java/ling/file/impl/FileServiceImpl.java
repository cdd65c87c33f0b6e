package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;
import ling.api.Failures;
import ling.api.ServiceHealth;
import ling.api.file.FileEndpoint;
import ling.api.file.FileInfo;
import ling.api.file.FileService;
import ling.common.db.Database;

final class FileServiceImpl implements FileService {

  private final Pool pool;
  private final Supplier<FileEndpoint> endpoint;
  private final FileRepository files;

  FileServiceImpl(Pool pool, Supplier<FileEndpoint> endpoint) {
    this.pool = pool;
    this.endpoint = endpoint;
    this.files = new FileRepository(pool);
  }

  @Override
  public Future<FileInfo> ownFile(long userId, long fileId) {
    return files.find(fileId).compose(found -> found.isPresent() && found.get().ownerId() == userId
        ? Future.succeededFuture(Downloads.info(found.get()))
        : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such file")));
  }

  @Override
  public Future<FileEndpoint> endpoint() {
    FileEndpoint current = endpoint.get();
    return current == null ? Future.failedFuture("the file endpoint is not listening yet")
        : Future.succeededFuture(current);
  }

  @Override
  public Future<FileInfo> shareAsAvatar(long userId, long fileId) {
    return ownFile(userId, fileId).compose(info -> {
      if (!TypeSniffer.IMAGES.contains(info.getMime())) {
        return Future.failedFuture(Failures.invalid("avatarFileId", "is not an image"));
      }
      return files.makePublic(fileId).map(info);
    });
  }

  @Override
  public Future<ServiceHealth> health() {
    return Database.health(pool);
  }
}
