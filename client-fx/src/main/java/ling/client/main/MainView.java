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
    chats = navButton("navChats", texts.get("main.chats"), ling.client.ui.Icons.CHATS);
    contacts = navButton("navContacts", texts.get("main.contacts"), ling.client.ui.Icons.CONTACTS);
    settings = navButton("navSettings", texts.get("main.settings"), ling.client.ui.Icons.SETTINGS);
    approveDevice = navButton("navApprove", texts.get("main.devices"), ling.client.ui.Icons.DEVICES);
    signOut = navButton("signOut", texts.get("main.signOut"), ling.client.ui.Icons.SIGN_OUT);
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

  private static Button navButton(String id, String text, String icon) {
    Button button = new Button(text);
    button.setId(id);
    button.setGraphic(ling.client.ui.Icons.icon(icon, 24));
    button.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
    button.setWrapText(true);
    button.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
    button.setTooltip(new javafx.scene.control.Tooltip(text));
    return button;
  }
}
