package ling.client.main;

import java.util.function.LongConsumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import javafx.util.Duration;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.Message;
import ling.client.ui.Themes;

/**
 * Tells of new messages while the main window is not in focus: the tray's notification where the
 * platform has a tray, else a small window in the screen's corner for a few seconds. A click
 * opens the conversation. Muted conversations and the user's own messages stay quiet.
 */
final class Notifier {

  private final Window owner;
  private final String theme;
  private final LongConsumer open;
  private final TrayIcons tray;
  /** Whether new messages sound (the settings' switch), the conversation on screen, the sound. */
  private final java.util.function.BooleanSupplier sound;
  private final java.util.function.LongSupplier openNow;
  private final MessageChime chime;
  private Stage toast;

  Notifier(Window owner, String theme, LongConsumer open, String appName, java.util.function.BooleanSupplier sound,
           java.util.function.LongSupplier openNow, MessageChime chime) {
    this.owner = owner;
    this.theme = theme;
    this.open = open;
    this.sound = sound;
    this.openNow = openNow;
    this.chime = chime;
    this.tray = TrayIcons.install(appName, () -> javafx.application.Platform.runLater(() -> {
      if (owner instanceof Stage stage) {
        stage.show();
        stage.toFront();
      }
    }));
  }

  void message(Conversation conversation, Message message, long myId, String title, String preview) {
    boolean watching = owner.isFocused() && !(owner instanceof Stage stage && stage.isIconified());
    // a mention of the user gets through a muted conversation
    if (conversation == null || conversation.muted() && !message.mentions(myId) || message.senderId() == myId
        || "system".equals(message.kind())) {
      return;
    }
    // a sound unless the user is looking at that very conversation
    if (sound.getAsBoolean() && !(watching && openNow.getAsLong() == conversation.id())) {
      chime.sound();
    }
    if (watching) {
      return;
    }
    if (tray != null) {
      tray.show(title, preview);
      return;
    }
    showToast(conversation.id(), title, preview);
  }

  void close() {
    if (toast != null) {
      toast.close();
    }
    if (tray != null) {
      tray.remove();
    }
  }

  private void showToast(long conversationId, String title, String preview) {
    if (toast == null) {
      toast = new Stage(StageStyle.UTILITY);
      toast.initOwner(owner);
      toast.setAlwaysOnTop(true);
    }
    Label heading = new Label(title);
    heading.getStyleClass().add("section-title");
    Label text = new Label(preview);
    text.setWrapText(true);
    text.setMaxWidth(280);
    VBox box = new VBox(4, heading, text);
    box.setId("notification");
    box.setStyle("-fx-padding: 10;");
    box.setOnMouseClicked(e -> {
      toast.hide();
      open.accept(conversationId);
    });
    Scene scene = new Scene(box, 300, 80);
    Themes.apply(scene, theme);
    toast.setScene(scene);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    toast.setX(screen.getMaxX() - 310);
    toast.setY(screen.getMaxY() - 90);
    toast.show();
    PauseTransition later = new PauseTransition(Duration.seconds(5));
    later.setOnFinished(e -> toast.hide());
    later.play();
  }
}
