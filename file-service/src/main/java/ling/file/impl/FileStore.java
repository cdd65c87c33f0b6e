package ling.file.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where bytes live: an upload's partial file under {@code uploads/<uploadId>}, a finished file's
 * content once under {@code blobs/<first two hex>/<sha256>}. Paths are built from ids and hashes
 * the service made itself, never from a name a client sent.
 */
final class FileStore {

  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path uploads;
  private final Path blobs;
  private final Path multipart;

  FileStore(Path root) throws IOException {
    this.uploads = Files.createDirectories(root.resolve("uploads"));
    this.blobs = Files.createDirectories(root.resolve("blobs"));
    this.multipart = Files.createDirectories(root.resolve("multipart"));
    // one-shot uploads cut off by a stop left their parts here: nothing reads them any more
    try (var leftovers = Files.list(multipart)) {
      for (Path leftover : leftovers.toList()) {
        Files.deleteIfExists(leftover);
      }
    }
  }

  /** Where one-shot uploads land before they become blobs (the same disk, so they move). */
  Path multipart() {
    return multipart;
  }

  static boolean isUploadId(String id) {
    return id != null && UPLOAD_ID.matcher(id).matches();
  }

  Path upload(String uploadId) {
    if (!isUploadId(uploadId)) {
      throw new IllegalArgumentException("not an upload id");
    }
    return uploads.resolve(uploadId);
  }

  Path blob(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a sha256");
    }
    return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
  }
}
