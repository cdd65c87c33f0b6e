package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.file.FileService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link FileService} over its own tables. */
public class FileVerticle extends ServiceVerticle<FileService> {

  public FileVerticle() {
    super("file", FileService.class, FileService.ADDRESS);
  }

  @Override
  protected Future<FileService> createService(JsonObject config) {
    return Future.succeededFuture(new FileServiceImpl(pool));
  }
}
