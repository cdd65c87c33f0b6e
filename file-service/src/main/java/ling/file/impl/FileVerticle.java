package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.file.FileService;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link FileService} over its own tables. */
public class FileVerticle extends ServiceVerticle<FileService> {

  @Override
  protected String schema() {
    return "file";
  }

  @Override
  protected Class<FileService> serviceInterface() {
    return FileService.class;
  }

  @Override
  protected String address() {
    return FileService.ADDRESS;
  }

  @Override
  protected Future<FileService> createService(JsonObject config) {
    return Future.succeededFuture(new FileServiceImpl(pool));
  }
}
