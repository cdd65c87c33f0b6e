package ling.client.chat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import ling.client.i18n.Texts;

/**
 * What was pasted into the composer, shown before it is sent: the picture itself, or the files'
 * names and sizes. Nothing leaves until the user says so.
 */
final class PastePreview {

  private PastePreview() {
  }

  /** Asks; {@code send} gets the files when the user chooses to send them. */
  static void ask(Window owner, Texts texts, List<Path> files, Image picture,
                  java.util.function.Consumer<List<Path>> send) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    ling.client.ui.Themes.follow(dialog, owner == null ? null : owner.getScene());
    dialog.setTitle(texts.get(picture != null ? "chat.paste.image" : "chat.paste.files"));
    VBox content = new VBox(8);
    content.setAlignment(Pos.CENTER);
    content.setId("pastePreview");
    if (picture != null) {
      ImageView view = new ImageView(picture);
      view.setPreserveRatio(true);
      view.setFitWidth(Math.min(420, picture.getWidth()));
      view.setFitHeight(Math.min(300, picture.getHeight()));
      view.setId("pastedImage");
      content.getChildren().add(view);
    } else {
      for (Path file : files) {
        Label line = new Label(file.getFileName() + "  " + FileSizes.readable(size(file)));
        line.getStyleClass().add("file-name");
        content.getChildren().add(line);
      }
    }
    dialog.getDialogPane().setContent(content);
    ButtonType sendButton = new ButtonType(texts.get("chat.send"), ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(sendButton, ButtonType.CANCEL);
    dialog.getDialogPane().lookupButton(sendButton).setId("sendPasted");
    dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
    dialog.resultProperty().addListener((obs, was, chosen) -> {
      if (chosen == sendButton) {
        send.accept(files);
      }
    });
    dialog.show();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
