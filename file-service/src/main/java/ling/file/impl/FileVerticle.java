package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import ling.api.chat.ChatService;
import ling.api.file.FileEndpoint;
import ling.api.file.FileService;
import ling.common.Times;
import ling.common.config.DataDirectory;
import ling.common.runtime.ServiceVerticle;
import ling.file.impl.UploadRepository.UploadRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link FileService} on the event bus and the file bytes on its own HTTP endpoint,
 * which only the gateway calls (with the token handed out by {@link FileService#endpoint()}).
 */
public class FileVerticle extends ServiceVerticle<FileService> {

  private static final Logger LOG = LoggerFactory.getLogger(FileVerticle.class);

  private HttpServer server;
  private volatile FileEndpoint endpoint;
  private long sweeper = -1;

  public FileVerticle() {
    super("file", FileService.class, FileService.ADDRESS);
  }

  @Override
  protected Future<FileService> createService(JsonObject config) {
    JsonObject files = config.getJsonObject("files");
    String dir = files.getString("dir");
    Path root = dir != null ? Path.of(dir) : DataDirectory.of(config).resolve("files");
    byte[] tokenBytes = new byte[24];
    new SecureRandom().nextBytes(tokenBytes);
    String token = HexFormat.of().formatHex(tokenBytes);
    return vertx.executeBlocking(() -> new FileStore(root)).compose(store -> {
      UploadRepository uploads = new UploadRepository(pool);
      FileRepository fileRows = new FileRepository(pool);
      Finisher finisher = new Finisher(store, files.getInteger("thumbnailMax"), files.getLong("decodeMaxPixels"),
          files.getLong("decodeMaxPixelsProgressive"), files.getInteger("decoders"), files.getLong("decodeMillis"));
      OnePerUser finishing = new OnePerUser();
      TusRoutes.Completion completion = upload -> finishing.run(upload.ownerId(),
          () -> complete(upload, store, finisher, uploads, fileRows));
      Router router = Router.router(vertx);
      router.route().handler(new Internal(token));
      new TusRoutes(vertx, uploads, store, completion, files.getLong("maxBytes"),
          files.getLong("uploadExpirySeconds")).mount(router);
      new OneShotUploads(vertx, store, finisher, finishing, fileRows, files.getLong("maxBytes")).mount(router);
      router.errorHandler(413, ctx -> Replies.error(ctx, 413, "too_large", "files are limited to "
          + files.getLong("maxBytes") + " bytes"));
      router.errorHandler(400, ctx -> Replies.error(ctx, 400, "invalid_request", "the request is malformed"));
      router.errorHandler(404, ctx -> Replies.error(ctx, 404, "not_found", "no such resource"));
      router.errorHandler(405, ctx -> Replies.error(ctx, 405, "method_not_allowed",
          "method: " + ctx.request().method() + " is not allowed here"));
      router.errorHandler(500, ctx -> Replies.error(ctx, 500, "internal", "internal error"));
      // the uploader, anyone for an avatar, and the members of a conversation where it was sent
      ChatService chat = ChatService.createProxy(vertx);
      new Downloads(vertx, fileRows, store, (userId, file) -> file.ownerId() == userId ? Future.succeededFuture(true)
          : fileRows.isPublic(file.id()).compose(open -> open ? Future.succeededFuture(true)
              : chat.canReadFile(userId, file.id()))).mount(router);
      String host = files.getString("internalHost");
      // what gateways connect to: the bind address, unless that is a wildcard or a container's
      String advertised = files.getString("advertisedHost") == null || files.getString("advertisedHost").isBlank()
          ? host : files.getString("advertisedHost");
      sweeper = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(files.getInteger("sweepSeconds")),
          id -> sweep(uploads, store));
      // a request that stops halfway is closed after this silence (and its parts removed)
      return vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
              .setIdleTimeout((int) Math.max(1, files.getLong("proxyIdleMillis") / 1000 * 2)))
          .requestHandler(router).listen(files.getInteger("internalPort"), host)
          .map(s -> {
            server = s;
            endpoint = new FileEndpoint(advertised, s.actualPort(), token);
            LOG.info("file endpoint on {}:{}, files in {}", host, s.actualPort(), root);
            return new FileServiceImpl(pool, () -> endpoint);
          });
    });
  }

  @Override
  protected Future<Void> closeService() {
    vertx.cancelTimer(sweeper);
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Hashes, sniffs and stores the bytes on a worker, then records the file. */
  private Future<Long> complete(UploadRow upload, FileStore store, Finisher finisher, UploadRepository uploads,
                                FileRepository fileRows) {
    Path partial = store.upload(upload.id());
    return vertx.executeBlocking(() -> finisher.finish(partial), false)
        .compose(content -> fileRows.insert(upload.ownerId(), upload.name(), content))
        .compose(file -> uploads.finished(upload.id(), file.id()).map(file.id()));
  }

  /** Removes expired uploads: their rows and whatever bytes they left. */
  private void sweep(UploadRepository uploads, FileStore store) {
    uploads.expired(Times.nowUtc(), 500).onSuccess(ids -> ids.forEach(id -> uploads.delete(id)
        .compose(x -> vertx.fileSystem().exists(store.upload(id).toString()))
        .compose(exists -> exists ? vertx.fileSystem().delete(store.upload(id).toString()) : Future.succeededFuture())
        .onFailure(err -> LOG.warn("could not remove expired upload {}: {}", id, err.getMessage()))));
  }
}
