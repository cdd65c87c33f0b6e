package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import ling.common.Times;
import ling.file.impl.UploadRepository.UploadRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tus 1.0 at {@code /files/uploads}: core, creation, termination and checksum (sha256). The
 * offset of an upload is the length of its partial file, so it survives a restart; bytes
 * stream to disk as they arrive. An upload is its creator's alone: to anyone else it does not
 * exist.
 */
final class TusRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TusRoutes.class);
  static final String PUBLIC_PREFIX = "/api/v1";
  private static final int NAME_MAX = 255;
  /** The most of a refused request's body read to keep its connection (a client's chunk, typically). */
  private static final long DRAINED_MAX = 16L * 1024 * 1024;
  /** A chunk whose checksum does not match (the tus checksum extension's status). */
  private static final int CHECKSUM_MISMATCH = 460;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

  private final Vertx vertx;
  private final UploadRepository uploads;
  private final FileStore store;
  private final Completion completion;
  private final long maxBytes;
  private final long expirySeconds;
  private final SecureRandom random = new SecureRandom();
  /** Uploads with a PATCH running: a second one at the same time is refused. */
  private final Set<String> busy = new HashSet<>();

  /** Makes a finished upload a file; answers its id. */
  interface Completion {
    Future<Long> complete(UploadRow upload);
  }

  TusRoutes(Vertx vertx, UploadRepository uploads, FileStore store, Completion completion, long maxBytes,
            long expirySeconds) {
    this.vertx = vertx;
    this.uploads = uploads;
    this.store = store;
    this.completion = completion;
    this.maxBytes = maxBytes;
    this.expirySeconds = expirySeconds;
  }

  void mount(Router router) {
    router.options("/files/uploads").handler(this::options);
    router.options("/files/uploads/:id").handler(this::options);
    router.post("/files/uploads").handler(this::create);
    // clients whose HTTP stack has no PATCH (Java's HttpURLConnection) send POST with this header
    router.post("/files/uploads/:id").handler(ctx -> {
      String method = ctx.request().getHeader("X-HTTP-Method-Override");
      switch (method == null ? "" : method.toUpperCase(java.util.Locale.ROOT)) {
        case "PATCH" -> patch(ctx);
        case "HEAD" -> {
          ctx.request().resume();
          head(ctx);
        }
        case "DELETE" -> {
          ctx.request().resume();
          terminate(ctx);
        }
        default -> Replies.error(ctx, 405, "invalid_request", "uploads take PATCH, HEAD and DELETE");
      }
    });
    router.head("/files/uploads/:id").handler(this::head);
    router.patch("/files/uploads/:id").handler(this::patch);
    router.delete("/files/uploads/:id").handler(this::terminate);
  }

  private void options(RoutingContext ctx) {
    ctx.response().setStatusCode(204)
        .putHeader("Tus-Resumable", Replies.TUS_VERSION)
        .putHeader("Tus-Version", Replies.TUS_VERSION)
        .putHeader("Tus-Extension", "creation,expiration,termination,checksum")
        .putHeader("Tus-Checksum-Algorithm", "sha256")
        .putHeader("Tus-Max-Size", Long.toString(maxBytes))
        .end();
  }

  /** Requests other than OPTIONS must speak tus 1.0.0. */
  private static boolean speaksTus(RoutingContext ctx) {
    if (Replies.TUS_VERSION.equals(ctx.request().getHeader("Tus-Resumable"))) {
      return true;
    }
    ctx.response().putHeader("Tus-Version", Replies.TUS_VERSION);
    Replies.error(ctx, 412, "invalid_request", "Tus-Resumable must be " + Replies.TUS_VERSION);
    return false;
  }

  private void create(RoutingContext ctx) {
    // creation takes no body (creation-with-upload is not offered): whatever comes is dropped
    ctx.request().resume();
    if (!speaksTus(ctx)) {
      return;
    }
    Long length = nonNegative(ctx.request().getHeader("Upload-Length"));
    if (length == null) {
      Replies.invalid(ctx, "Upload-Length", "must be a byte count (deferred lengths are not supported)");
      return;
    }
    if (length > maxBytes) {
      Replies.error(ctx, 413, "too_large", "files are limited to " + maxBytes + " bytes");
      return;
    }
    Metadata metadata;
    try {
      metadata = Metadata.parse(ctx.request().getHeader("Upload-Metadata"));
    } catch (IllegalArgumentException e) {
      Replies.invalid(ctx, "Upload-Metadata", e.getMessage());
      return;
    }
    String name = metadata.filename() == null || metadata.filename().isBlank() ? "file" : metadata.filename();
    if (name.codePointCount(0, name.length()) > NAME_MAX) {
      Replies.invalid(ctx, "filename", "must be at most " + NAME_MAX + " characters");
      return;
    }
    if (!FileNames.acceptable(name)) {
      Replies.invalid(ctx, "filename", FileNames.PROBLEM);
      return;
    }
    byte[] idBytes = new byte[16];
    random.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    LocalDateTime now = Times.nowUtc();
    UploadRow upload = new UploadRow(id, Internal.userId(ctx), length, name, metadata.filetype(),
        now.plusSeconds(expirySeconds), null);
    vertx.fileSystem().createFile(store.upload(id).toString())
        .compose(x -> uploads.create(upload, now))
        .compose(x -> length == 0 ? completion.complete(upload).map(fileId -> (Long) fileId) : Future.succeededFuture())
        .onSuccess(fileId -> {
          ctx.response().setStatusCode(201)
              .putHeader("Tus-Resumable", Replies.TUS_VERSION)
              .putHeader("Location", PUBLIC_PREFIX + "/files/uploads/" + id)
              .putHeader("Upload-Expires", httpDate(upload.expiresAt()))
              .putHeader("Upload-Offset", "0");
          if (fileId != null) {
            ctx.response().putHeader("Ling-File-Id", fileId.toString());
          }
          ctx.response().end();
        })
        .onFailure(ctx::fail);
  }

  private void head(RoutingContext ctx) {
    if (!speaksTus(ctx)) {
      return;
    }
    own(ctx).compose(upload -> offset(upload).map(offset -> {
      ctx.response().setStatusCode(200)
          .putHeader("Tus-Resumable", Replies.TUS_VERSION)
          .putHeader("Upload-Offset", Long.toString(offset))
          .putHeader("Upload-Length", Long.toString(upload.length()))
          .putHeader("Cache-Control", "no-store");
      if (upload.fileId() != null) {
        ctx.response().putHeader("Ling-File-Id", upload.fileId().toString());
      } else {
        ctx.response().putHeader("Upload-Expires", httpDate(upload.expiresAt()));
      }
      return ctx.response().end();
    })).onFailure(err -> failed(ctx, err));
  }

  private void patch(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    if (!speaksTus(ctx)) {
      return;
    }
    if (!"application/offset+octet-stream".equals(request.getHeader("Content-Type"))) {
      Replies.error(ctx, 415, "unsupported_media_type", "Content-Type must be application/offset+octet-stream");
      return;
    }
    Long claimed = nonNegative(request.getHeader("Upload-Offset"));
    if (claimed == null) {
      Replies.invalid(ctx, "Upload-Offset", "must be a byte count");
      return;
    }
    MessageDigest checksum;
    byte[] expected;
    try {
      String header = request.getHeader("Upload-Checksum");
      expected = header == null ? null : Checksums.expectedSha256(header);
      checksum = expected == null ? null : MessageDigest.getInstance("SHA-256");
    } catch (IllegalArgumentException e) {
      Replies.invalid(ctx, "Upload-Checksum", e.getMessage());
      return;
    } catch (NoSuchAlgorithmException e) {
      ctx.fail(e);
      return;
    }
    own(ctx).compose(upload -> {
      if (upload.fileId() != null) {
        if (claimed != upload.length()) {
          return Future.failedFuture(new Refusal(409, "conflict", "the upload is complete"));
        }
        // a client may send an empty PATCH at the end (the reference client does when the last
        // request filled up exactly): the upload is there
        if (!request.isEnded()) {
          ctx.response().putHeader("Connection", "close");
        }
        ctx.response().setStatusCode(204)
            .putHeader("Tus-Resumable", Replies.TUS_VERSION)
            .putHeader("Upload-Offset", Long.toString(upload.length()))
            .putHeader("Ling-File-Id", upload.fileId().toString())
            .end();
        return Future.succeededFuture();
      }
      if (!busy.add(upload.id())) {
        return Future.failedFuture(new Refusal(409, "conflict", "another request is writing to this upload"));
      }
      return offset(upload).compose(offset -> {
        if (offset.longValue() != claimed.longValue()) {
          return Future.<Void>failedFuture(new Refusal(409, "conflict", "Upload-Offset is " + offset));
        }
        return receive(ctx, upload, offset, checksum, expected);
      }).eventually(() -> {
        busy.remove(upload.id());
        return Future.succeededFuture();
      });
    }).onFailure(err -> failed(ctx, err));
  }

  /** Streams the body to the end of the partial file, within the declared length. */
  private Future<Void> receive(RoutingContext ctx, UploadRow upload, long offset, MessageDigest checksum,
                               byte[] expected) {
    HttpServerRequest request = ctx.request();
    String path = store.upload(upload.id()).toString();
    return vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(false))
        .recover(TusRoutes::finishedMeanwhile)
        .compose(file -> {
          file.setWritePos(offset);
          io.vertx.core.Promise<Long> received = io.vertx.core.Promise.promise();
          long[] count = {0};
          request.handler(chunk -> {
            if (received.future().isComplete()) {
              return;
            }
            if (offset + count[0] + chunk.length() > upload.length()) {
              // more than the upload declared: stop reading and keep nothing of this request
              received.tryFail(new Refusal(413, "too_large", "more bytes than Upload-Length"));
              return;
            }
            count[0] += chunk.length();
            if (checksum != null) {
              checksum.update(chunk.getBytes());
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
              request.pause();
              file.drainHandler(v -> request.resume());
            }
          });
          request.endHandler(v -> received.tryComplete(count[0]));
          request.exceptionHandler(received::tryFail);
          ctx.response().closeHandler(v -> received.tryFail(new Refusal(400, "invalid_request", "the request was cut")));
          request.resume();
          return received.future()
              .transform(ar -> file.flush().eventually(file::close).transform(closed -> {
                if (ar.failed()) {
                  // a cut keeps what arrived (the client resumes from there) unless it was to be
                  // verified or was over the length: then the request leaves no trace
                  boolean keep = checksum == null && !(ar.cause() instanceof Refusal r && r.status() == 413);
                  return (keep ? Future.<Void>succeededFuture() : truncate(path, offset))
                      .compose(x -> Future.<Void>failedFuture(ar.cause()));
                }
                if (checksum != null && !MessageDigest.isEqual(checksum.digest(), expected)) {
                  return truncate(path, offset).compose(x -> Future.<Void>failedFuture(
                      new Refusal(CHECKSUM_MISMATCH, "checksum_mismatch", "the chunk does not match Upload-Checksum")));
                }
                long now = offset + ar.result();
                Future<Long> finished = now == upload.length() ? completion.complete(upload)
                    : Future.succeededFuture(null);
                return finished.map(fileId -> {
                  ctx.response().setStatusCode(204)
                      .putHeader("Tus-Resumable", Replies.TUS_VERSION)
                      .putHeader("Upload-Offset", Long.toString(now));
                  if (fileId != null) {
                    ctx.response().putHeader("Ling-File-Id", fileId.toString());
                  } else {
                    ctx.response().putHeader("Upload-Expires", httpDate(upload.expiresAt()));
                  }
                  ctx.response().end();
                  return null;
                });
              }));
        });
  }

  private Future<Void> truncate(String path, long length) {
    return vertx.fileSystem().truncate(path, length);
  }

  private void terminate(RoutingContext ctx) {
    if (!speaksTus(ctx)) {
      return;
    }
    own(ctx).compose(upload -> {
      if (busy.contains(upload.id())) {
        return Future.failedFuture(new Refusal(409, "conflict", "the upload is being written"));
      }
      return uploads.delete(upload.id())
          .compose(x -> vertx.fileSystem().exists(store.upload(upload.id()).toString()))
          .compose(exists -> exists ? vertx.fileSystem().delete(store.upload(upload.id()).toString())
              : Future.succeededFuture());
    }).onSuccess(x -> ctx.response().setStatusCode(204).putHeader("Tus-Resumable", Replies.TUS_VERSION).end())
        .onFailure(err -> failed(ctx, err));
  }

  /** The caller's own, unexpired upload; anyone else's is "not found". */
  private Future<UploadRow> own(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!FileStore.isUploadId(id)) {
      return Future.failedFuture(new Refusal(404, "not_found", "no such upload"));
    }
    return uploads.find(id).compose(found -> found.isPresent() && found.get().ownerId() == Internal.userId(ctx)
        && found.get().expiresAt().isAfter(Times.nowUtc())
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(new Refusal(404, "not_found", "no such upload")));
  }

  private Future<Long> offset(UploadRow upload) {
    if (upload.fileId() != null) {
      return Future.succeededFuture(upload.length());
    }
    return vertx.fileSystem().props(store.upload(upload.id()).toString()).map(props -> props.size())
        .recover(TusRoutes::finishedMeanwhile);
  }

  /**
   * The partial file is gone: a racing request finished the upload (and moved it) after this one
   * read the upload's row. That is the same conflict as writing to a finished upload.
   */
  private static <T> Future<T> finishedMeanwhile(Throwable err) {
    boolean gone = err instanceof java.nio.file.NoSuchFileException
        || err.getCause() instanceof java.nio.file.NoSuchFileException;
    return Future.failedFuture(gone ? new Refusal(409, "conflict", "the upload is complete") : err);
  }

  private static void failed(RoutingContext ctx, Throwable err) {
    if (err instanceof Refusal r) {
      LOG.debug("upload request refused: {} {}", r.status(), r.getMessage());
      if (!ctx.request().isEnded() && r.status() == 409 && declaredLength(ctx) <= DRAINED_MAX) {
        // a racing request's body is read and dropped, so that the answer arrives whole: closing
        // under a sender still writing would reset the connection and lose the answer with it
        ctx.request().handler(chunk -> { }).resume();
        Replies.error(ctx, r.status(), r.code(), r.getMessage());
        return;
      }
      if (!ctx.request().isEnded()) {
        // the rest of the body is not wanted: this connection ends with the answer, and the
        // caller knows not to use it again
        ctx.response().putHeader("Connection", "close");
        ctx.response().endHandler(v -> ctx.request().connection().close());
      }
      Replies.error(ctx, r.status(), r.code(), r.getMessage());
    } else if (!ctx.response().ended()) {
      LOG.error("upload request failed", err);
      Replies.error(ctx, 500, "internal", "internal error");
    }
  }

  private static long declaredLength(RoutingContext ctx) {
    try {
      String length = ctx.request().getHeader("Content-Length");
      return length == null ? Long.MAX_VALUE : Long.parseLong(length);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The tus expiration extension's date format (RFC 9110 IMF-fixdate). */
  private static String httpDate(LocalDateTime utc) {
    return HTTP_DATE.format(utc);
  }

  private static Long nonNegative(String header) {
    if (header == null || header.isEmpty() || header.length() > 18 || !header.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(header);
  }

  /** A refusal with its HTTP status and the contract's code. */
  static final class Refusal extends RuntimeException {
    private final int status;
    private final String code;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }
  }

  /** {@code Upload-Metadata}: comma-separated {@code key base64value} pairs. */
  record Metadata(String filename, String filetype) {
    static Metadata parse(String header) {
      String filename = null;
      String filetype = null;
      if (header == null || header.isBlank()) {
        return new Metadata(null, null);
      }
      for (String pair : header.split(",")) {
        String[] parts = pair.strip().split(" ");
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
          throw new IllegalArgumentException("must be key and base64 value pairs");
        }
        String value;
        try {
          value = parts.length == 2 ? new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8) : "";
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("holds a value that is not base64");
        }
        if (parts[0].equals("filename") || parts[0].equals("name")) {
          filename = value.strip();
        } else if (parts[0].equals("filetype") || parts[0].equals("type")) {
          filetype = value.length() > 127 ? null : value;
        }
      }
      return new Metadata(filename, filetype);
    }
  }

  /** {@code Upload-Checksum: sha256 <base64>}. */
  static final class Checksums {
    private Checksums() {
    }

    static byte[] expectedSha256(String header) {
      String[] parts = header.strip().split(" ");
      if (parts.length != 2 || !parts[0].equals("sha256")) {
        throw new IllegalArgumentException("must be sha256 and a base64 digest");
      }
      try {
        byte[] digest = Base64.getDecoder().decode(parts[1]);
        if (digest.length != 32) {
          throw new IllegalArgumentException("must hold a 32-byte digest");
        }
        return digest;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("must be sha256 and a base64 digest");
      }
    }
  }
}
