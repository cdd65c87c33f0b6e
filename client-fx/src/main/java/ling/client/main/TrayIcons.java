package ling.client.main;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;

/** The tray icon, where the platform has a tray (Windows, macOS, most Linux desktops but GNOME). */
final class TrayIcons {

  private final TrayIcon icon;

  private TrayIcons(TrayIcon icon) {
    this.icon = icon;
  }

  /** The installed icon, or null where there is no tray. */
  static TrayIcons install(String name, Runnable open) {
    try {
      if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
        return null;
      }
      PopupMenu menu = new PopupMenu();
      MenuItem show = new MenuItem(name);
      show.addActionListener(e -> open.run());
      menu.add(show);
      TrayIcon icon = new TrayIcon(image(), name, menu);
      icon.setImageAutoSize(true);
      icon.addActionListener(e -> open.run());
      SystemTray.getSystemTray().add(icon);
      return new TrayIcons(icon);
    } catch (AWTException | UnsupportedOperationException | SecurityException | LinkageError noTray) {
      return null;
    }
  }

  void show(String title, String text) {
    icon.displayMessage(title, text, TrayIcon.MessageType.NONE);
  }

  void remove() {
    SystemTray.getSystemTray().remove(icon);
  }

  /** A blue dot with a white "L": drawn, so that nothing has to be shipped. */
  private static BufferedImage image() {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new java.awt.Color(0x2e6be6));
    g.fillOval(0, 0, 32, 32);
    g.setColor(java.awt.Color.WHITE);
    g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 20f));
    g.drawString("L", 10, 24);
    g.dispose();
    return image;
  }
}
