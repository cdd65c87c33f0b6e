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
    // its own route: a body handler must come first on the route that has one
    router.post("/files").handler(this::answerTruncated);
    router.post("/files")
        // the multipart framing around the file is small; the file itself is held to the limit
        .handler(BodyHandler.create(store.multipart().toString()).setBodyLimit(maxBytes + 16 * 1024)
            .setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true))
        .handler(this::upload);
  }

  /**
   * A multipart body that ends before its file part does would leave the request waiting for a
   * part that never comes: once the request has ended and nothing answered it for a moment, it is
   * refused (and its part file removed with the answer).
   */
  private void answerTruncated(RoutingContext ctx) {
    long[] endedAt = {0};
    long timer = vertx.setPeriodic(500, id -> {
      if (ctx.response().ended()) {
        vertx.cancelTimer(id);
      } else if (ctx.request().isEnded()) {
        long now = System.currentTimeMillis();
        if (endedAt[0] == 0) {
          endedAt[0] = now;
        } else if (now - endedAt[0] >= 2_000) {
          vertx.cancelTimer(id);
          Replies.invalid(ctx, "file", "the multipart body ended before its file part did");
        }
      }
    });
    ctx.addEndHandler(done -> vertx.cancelTimer(timer));
    ctx.next();
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
            .putHeader("Ling-File-Id", Long.toString(row.id())).end(Downloads.info(row).toJson().encode()))
        .onFailure(ctx::fail);
  }
}
