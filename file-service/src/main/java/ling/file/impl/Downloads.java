package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ling.api.file.FileInfo;
import ling.file.impl.FileRepository.FileRow;

/**
 * A file's description and its bytes: {@code ETag} (its sha256), conditional requests, single
 * byte ranges, and the original name in a {@code Content-Disposition} that no name can break.
 */
final class Downloads {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

  private final Vertx vertx;
  private final FileRepository files;
  private final FileStore store;
  private final FileAccess access;

  /** Whether a user may read a file. */
  interface FileAccess {
    Future<Boolean> mayRead(long userId, FileRow file);
  }

  Downloads(Vertx vertx, FileRepository files, FileStore store, FileAccess access) {
    this.vertx = vertx;
    this.files = files;
    this.store = store;
    this.access = access;
  }

  void mount(Router router) {
    router.get("/files/:id/info").handler(ctx -> readable(ctx).onSuccess(file ->
        ctx.json(info(file).toJson())).onFailure(err -> Replies.notFound(ctx)));
    router.get("/files/:id/thumbnail").handler(ctx -> readable(ctx).onSuccess(file -> {
      if (file.thumbnailSha256() == null) {
        Replies.error(ctx, 404, "not_found", "this file has no thumbnail");
        return;
      }
      String mime = file.mime().equals("image/jpeg") ? "image/jpeg" : "image/png";
      send(ctx, store.blob(file.thumbnailSha256()).toString(), file.thumbnailSha256(), mime, null, -1);
    }).onFailure(err -> Replies.notFound(ctx)));
    router.get("/files/:id").handler(ctx -> readable(ctx).onSuccess(file ->
        send(ctx, store.blob(file.sha256()).toString(), file.sha256(), file.mime(), file.name(), file.size()))
        .onFailure(err -> Replies.notFound(ctx)));
  }

  static FileInfo info(FileRow file) {
    String url = TusRoutes.PUBLIC_PREFIX + "/files/" + file.id();
    return new FileInfo().setFileId(file.id()).setName(file.name()).setSize(file.size())
        .setMime(file.mime()).setSha256(file.sha256()).setWidth(file.width())
        .setHeight(file.height()).setUrl(url)
        .setThumbnailUrl(file.thumbnailSha256() == null ? null : url + "/thumbnail");
  }

  /** The file, if it exists and the caller may read it; anything else fails alike. */
  private Future<FileRow> readable(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
      return Future.failedFuture("no such file");
    }
    long userId = Internal.userId(ctx);
    return files.find(Long.parseLong(id)).compose(found -> found.isEmpty() ? Future.failedFuture("no such file")
        : access.mayRead(userId, found.get()).compose(may -> may ? Future.succeededFuture(found.get())
            : Future.failedFuture("not readable")));
  }

  private void send(RoutingContext ctx, String path, String sha256, String mime, String name, long size) {
    String etag = "\"" + sha256 + "\"";
    var response = ctx.response()
        .putHeader("ETag", etag)
        .putHeader("Cache-Control", "private, max-age=31536000, immutable")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("Content-Type", mime);
    if (name != null) {
      response.putHeader("Content-Disposition", disposition(name));
    }
    if (matches(ctx.request().getHeader("If-None-Match"), etag)) {
      response.setStatusCode(304).end();
      return;
    }
    Future<Long> length = size >= 0 ? Future.succeededFuture(size)
        : vertx.fileSystem().props(path).map(props -> props.size());
    length.onFailure(ctx::fail).onSuccess(total -> {
      String range = ctx.request().getHeader("Range");
      if (range == null) {
        response.sendFile(path);
        return;
      }
      long[] span = span(range, total);
      if (span == null) {
        response.putHeader("Content-Range", "bytes */" + total);
        Replies.error(ctx, 416, "invalid_request", "Range is not satisfiable");
        return;
      }
      response.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + span[0] + "-" + (span[0] + span[1] - 1) + "/" + total)
          .sendFile(path, span[0], span[1]);
    });
  }

  /** A single byte range as {offset, length}; null when it cannot be served. */
  static long[] span(String header, long total) {
    Matcher m = RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || total == 0) {
      return null;
    }
    long start;
    long end;
    if (m.group(1).isEmpty()) {
      // the last n bytes
      long n = Long.parseLong(m.group(2));
      if (n == 0) {
        return null;
      }
      start = Math.max(0, total - n);
      end = total - 1;
    } else {
      start = Long.parseLong(m.group(1));
      end = m.group(2).isEmpty() ? total - 1 : Math.min(Long.parseLong(m.group(2)), total - 1);
    }
    if (start >= total || end < start) {
      return null;
    }
    return new long[] {start, end - start + 1};
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code attachment} with the name twice: an ASCII stand-in for old clients (anything outside
   * printable ASCII, quotes, backslashes and path separators become {@code _}) and the exact
   * name, percent-encoded, in {@code filename*} (RFC 6266).
   */
  static String disposition(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/'
        && c != ';' && c != '%' ? (char) c : '_'));
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
