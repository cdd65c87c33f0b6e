package ling.file.impl;

import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/** {@code POST /files}: a small file (an avatar) in one multipart request, field {@code file}. */
final class OneShotUploads {

  private static final int NAME_MAX = 255;

  private final Vertx vertx;
  private final FileStore store;
  private final Finisher finisher;
  private final OnePerUser finishing;
  private final FileRepository files;
  private final long maxBytes;

  OneShotUploads(Vertx vertx, FileStore store, Finisher finisher, OnePerUser finishing, FileRepository files,
                 long maxBytes) {
    this.finishing = finishing;
    this.vertx = vertx;
    this.store = store;
    this.finisher = finisher;
    this.files = files;
    this.maxBytes = maxBytes;
  }

  void mount(Router router) {
    router.post("/files")
        // the multipart framing around the file is small; the file itself is held to the limit
        .handler(BodyHandler.create(store.multipart().toString()).setBodyLimit(maxBytes + 16 * 1024)
            .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true))
        .handler(this::upload);
  }

  private void upload(RoutingContext ctx) {
    FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
    if (file == null) {
      Replies.invalid(ctx, "file", "is required (a multipart field named file)");
      return;
    }
    if (file.size() > maxBytes) {
      Replies.error(ctx, 413, "too_large", "files are limited to " + maxBytes + " bytes");
      return;
    }
    String name = file.fileName() == null || file.fileName().isBlank() ? "file" : file.fileName().strip();
    if (name.codePointCount(0, name.length()) > NAME_MAX) {
      Replies.invalid(ctx, "filename", "must be at most " + NAME_MAX + " characters");
      return;
    }
    if (!FileNames.acceptable(name)) {
      Replies.invalid(ctx, "filename", FileNames.PROBLEM);
      return;
    }
    long owner = Internal.userId(ctx);
    finishing.run(owner, () -> vertx.executeBlocking(() -> finisher.finish(Path.of(file.uploadedFileName())), false))
        .compose(content -> files.insert(owner, name, content))
        .onSuccess(row -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .putHeader("Ling-File-Id", Long.toString(row.id())).end(Downloads.info(row).encode()))
        .onFailure(ctx::fail);
  }
}
