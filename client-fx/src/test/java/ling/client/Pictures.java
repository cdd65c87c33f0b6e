package ling.client;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Pictures made for tests and screenshots. */
final class Pictures {

  private Pictures() {
  }

  /** A sky, a sun and two mountains. */
  static BufferedImage mountain(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(0x5aa9f0), 0, height, new Color(0xfce3b0)));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(0xffc94d));
    g.fillOval(width * 2 / 3, height / 8, height / 4, height / 4);
    g.setColor(new Color(0x3f7d5a));
    g.fillPolygon(new int[] {0, width / 3, width * 2 / 3}, new int[] {height, height / 3, height}, 3);
    g.setColor(new Color(0x2f6048));
    g.fillPolygon(new int[] {width / 3, width * 3 / 4, width}, new int[] {height, height / 4, height}, 3);
    g.setColor(Color.WHITE);
    g.fillPolygon(new int[] {width * 3 / 4 - 40, width * 3 / 4, width * 3 / 4 + 40},
        new int[] {height / 4 + 60, height / 4, height / 4 + 60}, 3);
    g.dispose();
    return image;
  }
}
