package ling.file.impl;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a complete upload into stored content: its sha256, its real type, an image's size and
 * thumbnail, and the blob (kept once per content). Blocking: runs on a worker.
 *
 * <p>Decoding is what a hostile image attacks, so it is bounded: an image's size is read from its
 * header before anything is decoded, and one over the pixel budget is not decoded at all (it stays
 * a file, without a thumbnail: a progressive JPEG's decoder holds its whole canvas in native
 * memory, whatever the subsampling); few images decode at once, and one that takes too long is
 * aborted (it too stays a file).
 */
final class Finisher {

  /** What the bytes turned out to be. */
  record Content(String sha256, long size, String mime, Integer width, Integer height, String thumbnailSha256) {
  }

  private static final int HEAD = 512;

  /** Aborts decodes past their time; one daemon thread for all. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "ling-thumbnail-timer");
    thread.setDaemon(true);
    return thread;
  });

  private final FileStore store;
  private final int thumbnailMax;
  private final long maxPixels;
  private final long progressiveMaxPixels;
  private final Semaphore decoders;
  private final long decodeMillis;

  /**
   * @param maxPixels the largest canvas decoded for a thumbnail
   * @param progressiveMaxPixels the largest progressive JPEG decoded (its decoder holds the whole
   *     canvas, about 6 bytes a pixel, in native memory)
   * @param decoders how many images may decode at once
   * @param decodeMillis how long one may take before it is aborted
   */
  Finisher(FileStore store, int thumbnailMax, long maxPixels, long progressiveMaxPixels, int decoders,
           long decodeMillis) {
    this.store = store;
    this.thumbnailMax = thumbnailMax;
    this.maxPixels = maxPixels;
    this.progressiveMaxPixels = progressiveMaxPixels;
    this.decoders = new Semaphore(Math.max(1, decoders), true);
    this.decodeMillis = decodeMillis;
  }

  /** Moves {@code source} into the blobs (or drops it, when that content is there already). */
  Content finish(Path source) throws IOException {
    MessageDigest digest = sha256();
    byte[] head = new byte[HEAD];
    int headLength = 0;
    long size = 0;
    try (InputStream in = Files.newInputStream(source)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (headLength < HEAD) {
          int take = Math.min(n, HEAD - headLength);
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
        digest.update(buffer, 0, n);
        size += n;
      }
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    String mime = TypeSniffer.sniff(head, headLength);
    Integer width = null;
    Integer height = null;
    String thumbnail = null;
    if (TypeSniffer.IMAGES.contains(mime)) {
      Preview preview = readScaled(source);
      if (preview == null) {
        // looks like an image but does not decode, or is too large to: served as plain bytes
        mime = TypeSniffer.UNKNOWN;
      } else {
        width = preview.width();
        height = preview.height();
        thumbnail = storeBytes(thumbnail(preview.image(), mime.equals("image/jpeg") ? "jpg" : "png"));
      }
    }
    Path blob = store.blob(sha);
    if (Files.exists(blob)) {
      Files.deleteIfExists(source);
    } else {
      Files.createDirectories(blob.getParent());
      Files.move(source, blob, StandardCopyOption.ATOMIC_MOVE);
    }
    return new Content(sha, size, mime, width, height, thumbnail);
  }

  /** An image's full size, and the image itself decoded at a reduced resolution. */
  private record Preview(BufferedImage image, int width, int height) {
  }

  /**
   * The image decoded at a reduced resolution (every n-th pixel); null when it does not decode,
   * claims more than the pixel budget, waits too long for a decoder or decodes too slowly.
   */
  private Preview readScaled(Path image) {
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // from the header alone: nothing is decoded yet
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0 || pixels > maxPixels
            || (pixels > progressiveMaxPixels && isProgressiveJpeg(reader))) {
          return null;
        }
        if (!decoders.tryAcquire(decodeMillis, TimeUnit.MILLISECONDS)) {
          return null;
        }
        ScheduledFuture<?> deadline = TIMER.schedule(reader::abort, decodeMillis, TimeUnit.MILLISECONDS);
        try {
          ImageReadParam param = reader.getDefaultReadParam();
          int step = Math.max(1, Math.max(width, height) / (2 * thumbnailMax));
          param.setSourceSubsampling(step, step, 0, 0);
          BufferedImage decoded = reader.read(0, param);
          return deadline.cancel(false) && decoded != null ? new Preview(decoded, width, height) : null;
        } finally {
          deadline.cancel(false);
          decoders.release();
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Whether a JPEG's frame is progressive: its header says, before anything is decoded. */
  private static boolean isProgressiveJpeg(ImageReader reader) throws IOException {
    if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
      return false;
    }
    javax.imageio.metadata.IIOMetadata metadata = reader.getImageMetadata(0);
    if (metadata == null) {
      return true;
    }
    org.w3c.dom.Node tree = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
    org.w3c.dom.NodeList frames = ((org.w3c.dom.Element) tree).getElementsByTagName("sof");
    for (int i = 0; i < frames.getLength(); i++) {
      org.w3c.dom.Node process = frames.item(i).getAttributes().getNamedItem("process");
      // 2: progressive; anything unreadable is taken for it
      if (process == null || "2".equals(process.getNodeValue())) {
        return true;
      }
    }
    return false;
  }

  private byte[] thumbnail(BufferedImage image, String format) throws IOException {
    double scale = Math.min(1.0, (double) thumbnailMax / Math.max(image.getWidth(), image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, format.equals("jpg") ? BufferedImage.TYPE_INT_RGB
        : BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(out, format, bytes);
    return bytes.toByteArray();
  }

  /** Stores bytes as a blob of their own and returns their sha256. */
  private String storeBytes(byte[] bytes) throws IOException {
    String sha = HexFormat.of().formatHex(sha256().digest(bytes));
    Path blob = store.blob(sha);
    if (!Files.exists(blob)) {
      Files.createDirectories(blob.getParent());
      Path partial = blob.resolveSibling(sha + ".part");
      Files.write(partial, bytes);
      Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return sha;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
