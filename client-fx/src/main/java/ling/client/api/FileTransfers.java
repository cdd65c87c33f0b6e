package ling.client.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;
import ling.client.api.Models.FileRef;

/**
 * Files to and from the gateway: uploads with tus in chunks (so a cut costs one chunk, and a
 * cancel removes what was sent), downloads streamed to disk, and small images into memory.
 * Progress goes from 0 to 1 on the transfer's own thread.
 */
public final class FileTransfers {

  /** A transfer the user may cancel. */
  public static final class Cancel {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
      cancelled.set(true);
    }

    public boolean isCancelled() {
      return cancelled.get();
    }
  }

  /** Thrown into the future of a transfer the user cancelled. */
  public static final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  private static final int CHUNK = 1024 * 1024;
  private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(2);

  private final Gateway gateway;
  private final Executor workers = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "ling-files");
    thread.setDaemon(true);
    return thread;
  });

  public FileTransfers(Gateway gateway) {
    this.gateway = gateway;
  }

  /** Uploads a file; completes with its description once the last byte is stored. */
  public CompletableFuture<FileRef> upload(Path file, String mime, DoubleConsumer progress, Cancel cancel) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        long size = Files.size(file);
        String location = create(file.getFileName().toString(), mime, size);
        String fileId = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          long offset = 0;
          byte[] chunk = new byte[CHUNK];
          progress.accept(0);
          while (offset < size || (size == 0 && fileId == null)) {
            if (cancel.isCancelled()) {
              terminate(location);
              throw new Cancelled();
            }
            int length = read(channel, offset, chunk, (int) Math.min(CHUNK, size - offset));
            HttpResponse<String> answer = patch(location, offset, chunk, length);
            offset = Long.parseLong(answer.headers().firstValue("Upload-Offset").orElse(Long.toString(offset + length)));
            fileId = answer.headers().firstValue("Ling-File-Id").orElse(fileId);
            progress.accept(size == 0 ? 1 : (double) offset / size);
            if (size == 0) {
              break;
            }
          }
        }
        if (fileId == null) {
          fileId = gateway.http().send(gateway.authorized(location).header("Tus-Resumable", "1.0.0")
              .method("HEAD", BodyPublishers.noBody()).build(), BodyHandlers.discarding())
              .headers().firstValue("Ling-File-Id").orElseThrow(() -> new ApiException(500, "internal",
                  "the upload ended without a file", 0));
        }
        return info(fileId);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      }
    }, workers);
  }

  /** Downloads a file to the target, through a temporary file beside it (no half file on a cut). */
  public CompletableFuture<Path> download(FileRef file, Path target, DoubleConsumer progress, Cancel cancel) {
    return CompletableFuture.supplyAsync(() -> {
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      try {
        HttpResponse<InputStream> response = gateway.http().send(gateway.authorized(relative(file.url()))
            .timeout(Duration.ofHours(1)).GET().build(), BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          throw new ApiException(response.statusCode(), response.statusCode() == 404 ? "not_found" : "http_"
              + response.statusCode(), "the download was refused", 0);
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(file.size());
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
          byte[] buffer = new byte[64 * 1024];
          long done = 0;
          int read;
          while ((read = in.read(buffer)) >= 0) {
            if (cancel.isCancelled()) {
              throw new Cancelled();
            }
            out.write(buffer, 0, read);
            done += read;
            // 1 means saved: it is reported only once the file is in place
            progress.accept(total <= 0 ? 0 : Math.min((double) done / total, 0.999));
          }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        progress.accept(1);
        return target;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CompletionException(e);
      } finally {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // nothing more to do about a leftover part
        }
      }
    }, workers);
  }

  /** A small resource (a thumbnail, an avatar) in memory. */
  public CompletableFuture<byte[]> bytes(String url) {
    return gateway.http().sendAsync(gateway.authorized(relative(url)).GET().build(), BodyHandlers.ofByteArray())
        .thenApply(response -> {
          if (response.statusCode() != 200) {
            throw new ApiException(response.statusCode(), "http_" + response.statusCode(), "not readable", 0);
          }
          return response.body();
        });
  }

  private String create(String name, String mime, long size) throws IOException, InterruptedException {
    String metadata = "filename " + b64(name) + (mime == null ? "" : ",filetype " + b64(mime));
    HttpResponse<String> created = send(() -> gateway.authorized("files/uploads")
        .header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(size))
        .header("Upload-Metadata", metadata).POST(BodyPublishers.noBody()).build());
    if (created.statusCode() != 201) {
      throw failure(created);
    }
    return relative(created.headers().firstValue("Location").orElseThrow());
  }

  private HttpResponse<String> patch(String location, long offset, byte[] chunk, int length)
      throws IOException, InterruptedException {
    HttpResponse<String> answer = send(() -> gateway.authorized(location).timeout(CHUNK_TIMEOUT)
        .header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
        .header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", BodyPublishers.ofByteArray(chunk, 0, length)).build());
    if (answer.statusCode() != 204) {
      throw failure(answer);
    }
    return answer;
  }

  /** Sends a request; an expired access token is renewed once and the request made again. */
  private HttpResponse<String> send(java.util.function.Supplier<HttpRequest> request)
      throws IOException, InterruptedException {
    HttpResponse<String> answer = gateway.http().send(request.get(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() == 401) {
      // any authenticated call renews the pair
      gateway.me().exceptionally(err -> null).join();
      answer = gateway.http().send(request.get(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    return answer;
  }

  private void terminate(String location) {
    try {
      gateway.http().send(gateway.authorized(location).header("Tus-Resumable", "1.0.0").DELETE().build(),
          BodyHandlers.discarding());
    } catch (IOException | InterruptedException e) {
      // the server sweeps unfinished uploads anyway
    }
  }

  private FileRef info(String fileId) throws IOException, InterruptedException {
    HttpResponse<String> info = send(() -> gateway.authorized("files/" + fileId + "/info").GET().build());
    if (info.statusCode() != 200) {
      throw failure(info);
    }
    return Wire.read(info.body(), FileRef.class);
  }

  private static int read(FileChannel channel, long offset, byte[] into, int length) throws IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(into, 0, length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("the file got shorter while it was sent");
      }
    }
    return length;
  }

  /** Paths of the contract ({@code /api/v1/files/7}) relative to the gateway's base. */
  private String relative(String path) {
    String base = gateway.base().getPath();
    return path.startsWith(base) ? path.substring(base.length()) : URI.create(path).isAbsolute() ? path
        : path.replaceFirst("^/", "");
  }

  private static ApiException failure(HttpResponse<String> response) {
    return ApiException.of(response);
  }


  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
