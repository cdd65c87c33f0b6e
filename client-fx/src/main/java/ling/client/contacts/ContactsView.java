package ling.client.contacts;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import ling.client.api.Models.FriendRequest;
import ling.client.api.Models.Group;
import ling.client.api.Models.User;
import ling.client.emoji.EmojiField;
import ling.client.i18n.Texts;

/** Contacts: find people, answer friend requests, and the friends and groups one has. */
public final class ContactsView extends HBox {

  final EmojiField search = EmojiField.singleLine();
  final Button find;
  final ListView<User> results = new ListView<>();
  final ListView<FriendRequest> requests = new ListView<>();
  final ListView<FriendRequest> sent = new ListView<>();
  final javafx.scene.control.TreeView<Object> friends = new javafx.scene.control.TreeView<>();
  final ListView<Group> groupResults = new ListView<>();
  final Button newFolder;
  final Button renameFolder;
  final Button deleteFolder;
  final FriendInfoView info;
  final ListView<Group> groups = new ListView<>();
  final Label message = new Label();
  final Button newGroup;

  public ContactsView(Texts texts) {
    setId("contactsView");
    search.setId("userSearch");
    search.setPromptText(texts.get("contacts.search"));
    find = new Button(texts.get("contacts.find"));
    find.setId("findUsers");
    find.setDefaultButton(true);
    results.setId("searchResults");
    results.setPrefHeight(160);
    requests.setId("requests");
    requests.setPrefHeight(140);
    sent.setId("sentRequests");
    sent.setPrefHeight(90);
    friends.setId("friends");
    groups.setId("groups");
    message.setId("contactsMessage");
    newGroup = new Button(texts.get("contacts.newGroup"));
    newGroup.setId("newGroup");
    newFolder = ling.client.ui.Icons.button("newFolder", ling.client.ui.Icons.NEW_FOLDER, texts.get("contacts.newFolder"));
    renameFolder = ling.client.ui.Icons.button("renameFolder", ling.client.ui.Icons.RENAME_FOLDER,
        texts.get("contacts.renameFolder"));
    deleteFolder = ling.client.ui.Icons.button("deleteFolder", ling.client.ui.Icons.DELETE_FOLDER,
        texts.get("contacts.deleteFolder"));
    groupResults.setId("groupResults");
    // each box as tall as what it holds (a few rows at most), with a hint when it holds nothing
    fit(results, 4, texts.get("contacts.searchHint"));
    fit(groupResults, 3, null);
    fit(requests, 4, texts.get("contacts.noRequests"));
    fit(sent, 3, texts.get("contacts.noSent"));
    groups.setPlaceholder(ling.client.ui.Placeholders.of(texts.get("contacts.noGroups")));
    friends.setShowRoot(false);
    info = new FriendInfoView(texts);
    info.setPrefWidth(260);
    info.setMinWidth(220);
    message.getStyleClass().add("error-text");
    HBox searchRow = new HBox(6, search, find);
    HBox.setHgrow(search, Priority.ALWAYS);
    VBox left = new VBox(6, searchRow, results, groupResults, title(texts.get("contacts.requests")), requests,
        title(texts.get("contacts.sent")), sent, message);
    left.setPrefWidth(320);
    left.setMinWidth(250);
    Region folderGap = new Region();
    HBox.setHgrow(folderGap, Priority.ALWAYS);
    HBox friendsHeader = new HBox(2, title(texts.get("contacts.friends")), folderGap, newFolder, renameFolder, deleteFolder);
    friendsHeader.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox middle = new VBox(6, friendsHeader, friends, new HBox(8, title(texts.get("contacts.groups")), newGroup), groups);
    VBox.setVgrow(friends, Priority.ALWAYS);
    HBox.setHgrow(middle, Priority.ALWAYS);
    // the friends keep room for their names; the search and the card beside them give way first
    middle.setMinWidth(300);
    setSpacing(12);
    setStyle("-fx-padding: 12;");
    getChildren().addAll(left, middle, info);
  }

  /**
   * Rows of one height, the list as tall as its rows up to {@code maxRows}; an empty list shows its
   * hint in one row, or is not shown at all without one.
   */
  private static void fit(ListView<?> list, int maxRows, String hint) {
    double row = 46;
    list.setFixedCellSize(row);
    if (hint != null) {
      list.setPlaceholder(ling.client.ui.Placeholders.of(hint));
    } else {
      list.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(list.getItems()));
      list.managedProperty().bind(list.visibleProperty());
    }
    list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
        () -> Math.max(1, Math.min(maxRows, list.getItems().size())) * row + 4, list.getItems()));
    list.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
  }

  private static Label title(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("section-title");
    return label;
  }
}
