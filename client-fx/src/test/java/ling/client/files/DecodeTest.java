package ling.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.ref.WeakReference;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** A picture is decoded at the width it is shown, and the image made of it keeps none of its file. */
@ExtendWith(ApplicationExtension.class)
class DecodeTest {

  @Test
  void aDecodedPictureHasTheShownWidthAndLetsItsFileGo() throws Exception {
    byte[] file = png(640, 480);
    WeakReference<byte[]> dropped = new WeakReference<>(file);
    Image image = Attachments.decode(file, 240);
    file = null;
    assertEquals(240, image.getWidth());
    assertEquals(180, image.getHeight());
    assertFalse(image.isError(), "decoded");
    // a collection may be put off while the renderer holds the heap: asked again until it comes
    for (int i = 0; i < 50 && dropped.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(dropped.get() == null, "the image still holds the file's bytes");
  }

  private static byte[] png(int width, int height) throws Exception {
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        picture.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(picture, "png", out);
    return out.toByteArray();
  }
}
