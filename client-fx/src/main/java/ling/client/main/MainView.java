package ling.client.main;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import ling.client.i18n.Texts;

/** The main window in the TIM layout: a narrow sidebar, the content, and a status line. */
public final class MainView extends BorderPane {

  final StackPane avatarSlot = new StackPane();
  final Button chats;
  final Button contacts;
  final Button settings;
  final Button approveDevice;
  final Button signOut;
  final StackPane content = new StackPane();
  final Label connection = new Label();

  public MainView(Texts texts) {
    setId("mainView");
    chats = navButton("navChats", texts.get("main.chats"), "\uD83D\uDCAC");
    contacts = navButton("navContacts", texts.get("main.contacts"), "\uD83D\uDC65");
    settings = navButton("navSettings", texts.get("main.settings"), "\u2699\uFE0F");
    approveDevice = navButton("navApprove", texts.get("main.devices"), "\uD83D\uDCF1");
    signOut = navButton("signOut", texts.get("main.signOut"), "\uD83D\uDEAA");
    Region push = new Region();
    VBox.setVgrow(push, Priority.ALWAYS);
    VBox sidebar = new VBox(avatarSlot, chats, contacts, push, approveDevice, settings, signOut);
    sidebar.getStyleClass().add("sidebar");
    setLeft(sidebar);
    setCenter(content);
    connection.setId("connectionState");
    HBox status = new HBox(connection);
    status.getStyleClass().add("status-bar");
    setBottom(status);
  }

  private static Button navButton(String id, String text, String emoji) {
    Button button = new Button(text);
    button.setId(id);
    var found = ling.client.chat.EmojiIndex.bundled().split(emoji);
    if (!found.isEmpty() && found.get(0).isEmoji()) {
      button.setGraphic(ling.client.chat.EmojiText.image(found.get(0).emoji(), 22));
    }
    button.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
    button.setWrapText(true);
    button.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
    button.setTooltip(new javafx.scene.control.Tooltip(text));
    return button;
  }
}
