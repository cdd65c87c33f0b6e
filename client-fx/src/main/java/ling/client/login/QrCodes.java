package ling.client.login;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** A QR code as an image, for the device-link code. */
final class QrCodes {

  private QrCodes() {
  }

  static Image of(String text, int size) {
    try {
      BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
          Map.of(EncodeHintType.MARGIN, 1));
      WritableImage image = new WritableImage(matrix.getWidth(), matrix.getHeight());
      PixelWriter pixels = image.getPixelWriter();
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          pixels.setColor(x, y, matrix.get(x, y) ? Color.BLACK : Color.WHITE);
        }
      }
      return image;
    } catch (WriterException e) {
      throw new IllegalArgumentException("no QR code for that text: " + e.getMessage(), e);
    }
  }
}
