package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/**
 * Images whose headers claim far more than they hold: the file service reads the size first and
 * decodes none over its budget, so a kilobyte cannot take hundreds of megabytes; they stay files.
 */
class ImageBombTest extends SharedStackTest {

  @Test
  void aProgressiveJpegClaimingAHugeCanvasIsKeptAsAFileWithoutDecoding() throws Exception {
    byte[] bomb = claiming(progressiveJpeg(), 16_000, 16_000);
    assertTrue(bomb.length < 2_000, "a small file: " + bomb.length);
    Session alice = api.register("bomb");
    FileClient files = new FileClient(stack.port);

    resetPeakMemory();
    long before = peakResidentKib();
    String fileId = files.tusUpload(alice, bomb, "holiday.jpg");
    long grew = peakResidentKib() - before;

    JsonObject info = new JsonObject(files.send(alice, "GET", files.base + "/files/" + fileId + "/info", Map.of(), null, true));
    assertEquals("application/octet-stream", info.getString("mime"), info.encode());
    assertFalse(info.containsKey("thumbnailUrl") && info.getValue("thumbnailUrl") != null, info.encode());
    assertEquals(404, files.bytes(alice, files.base + "/files/" + fileId + "/thumbnail", Map.of()).statusCode());
    // its bytes are served as they came
    assertEquals(FileClient.sha256(bomb), FileClient.sha256(files.bytes(alice, files.base + "/files/" + fileId,
        Map.of()).body()));
    // decoding it would have taken about 700 MB of native memory
    assertTrue(grew < 150 * 1024, "the peak resident memory grew by " + grew / 1024 + " MiB");
  }

  @Test
  void anOrdinaryProgressiveJpegStillGetsItsThumbnail() throws Exception {
    Session bob = api.register("nobomb");
    FileClient files = new FileClient(stack.port);
    String fileId = files.tusUpload(bob, progressiveJpeg(), "small.jpg");
    JsonObject info = new JsonObject(files.send(bob, "GET", files.base + "/files/" + fileId + "/info", Map.of(), null, true));
    assertEquals("image/jpeg", info.getString("mime"));
    assertEquals(64, info.getInteger("width"));
    assertEquals(200, files.bytes(bob, files.base + "/files/" + fileId + "/thumbnail", Map.of()).statusCode());
  }

  private static byte[] progressiveJpeg() throws Exception {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) {
      for (int y = 0; y < 48; y++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** The same JPEG with its frame header (SOF2) claiming another size. */
  private static byte[] claiming(byte[] jpeg, int width, int height) {
    byte[] patched = jpeg.clone();
    for (int i = 0; i + 8 < patched.length; i++) {
      if ((patched[i] & 0xff) == 0xff && (patched[i + 1] & 0xff) == 0xc2) {
        patched[i + 5] = (byte) (height >> 8);
        patched[i + 6] = (byte) height;
        patched[i + 7] = (byte) (width >> 8);
        patched[i + 8] = (byte) width;
        return patched;
      }
    }
    throw new AssertionError("no progressive frame header");
  }

  /** Resets this process's peak resident size (Linux), so that what follows is measured alone. */
  private static void resetPeakMemory() throws Exception {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
  }

  private static long peakResidentKib() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
  }
}
