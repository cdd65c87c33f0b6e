package ling.client.chat;

import ling.client.emoji.EmojiIndex;
import ling.client.emoji.EmojiText;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.Popup;

/** A popup of the emoji by category, in colour; a click inserts one. */
final class EmojiPicker {

  private final Popup popup = new Popup();

  EmojiPicker(Consumer<String> chosen) {
    TabPane tabs = new TabPane();
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    tabs.getStyleClass().add("emoji-picker");
    tabs.setId("emojiPicker");
    for (Map.Entry<String, List<EmojiIndex.Emoji>> category : EmojiIndex.bundled().categories().entrySet()) {
      FlowPane grid = new FlowPane(2, 2);
      grid.setPrefWrapLength(330);
      for (EmojiIndex.Emoji emoji : category.getValue()) {
        Button button = new Button();
        button.setGraphic(EmojiText.image(emoji, 24));
        button.setId("emoji-" + emoji.name());
        button.setOnAction(e -> {
          chosen.accept(emoji.text());
          popup.hide();
        });
        grid.getChildren().add(button);
      }
      ScrollPane scroll = new ScrollPane(grid);
      scroll.setFitToWidth(true);
      scroll.setPrefSize(360, 260);
      Tab tab = new Tab();
      tab.setGraphic(EmojiText.image(category.getValue().get(0), 18));
      tab.setContent(scroll);
      tabs.getTabs().add(tab);
    }
    popup.getContent().add(tabs);
    popup.setAutoHide(true);
  }

  void showBelow(javafx.scene.Node anchor) {
    var bounds = anchor.localToScreen(anchor.getBoundsInLocal());
    popup.show(anchor, bounds.getMinX(), bounds.getMinY() - 300);
  }
}
