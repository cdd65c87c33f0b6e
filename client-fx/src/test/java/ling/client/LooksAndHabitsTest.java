package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.fill;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.linesOf;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * What a messenger's user expects of the window: icons with tooltips where there were words, empty
 * lists that say so, the send key of their choice, and what they typed kept per conversation.
 */
@ExtendWith(ApplicationExtension.class)
class LooksAndHabitsTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(120)
  void iconsSayWhatTheyDoEmptyListsSaySoAndTheSendKeyAndDraftsAreTheUsers(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String eve = TestServer.uniqueName("eve");
    String fay = TestServer.uniqueName("fay");
    String gil = TestServer.uniqueName("gil");
    ClientWindow e = open(homes.resolve("e"), 0);
    signUp(robot, e, server, eve, null);

    // nothing yet: the lists say so instead of showing empty stripes
    ListView<?> conversations = await(() -> find(e, "#conversations"));
    assertTrue(conversations.getItems().isEmpty());
    assertEquals("No conversations yet. Find friends under Contacts.", placeholderText(conversations));
    click(robot, find(e, "#navContacts"));
    assertEquals("No friend requests", placeholderText(await(() -> find(e, "#requests"))));
    assertEquals("No requests sent", placeholderText(find(e, "#sentRequests")));
    ListView<?> groupResults = find(e, "#groupResults");
    assertFalse(groupResults.isVisible(), "no group results: no box for them");

    // the sidebar's entries are icons from the set, each with its words
    for (String id : List.of("#navChats", "#navContacts", "#navSettings", "#navApprove", "#signOut")) {
      Button nav = find(e, id);
      assertTrue(nav.getGraphic() instanceof FontIcon, id);
      assertFalse(nav.getTooltip().getText().isBlank(), id);
    }

    ClientWindow f = open(homes.resolve("f"), 640);
    signUp(robot, f, server, fay, null);
    befriend(robot, e, eve, f, fay);
    ClientWindow g = open(homes.resolve("g"), 320);
    signUp(robot, g, server, gil, null);
    befriend(robot, e, eve, g, gil);

    // the chat's toolbar: icons, each with a tooltip, nothing cut off
    click(robot, find(e, "#chat-" + fay));
    ling.client.emoji.EmojiField input = await(() -> find(e, "#input"));
    for (String id : List.of("#emojiButton", "#imageButton", "#attachButton", "#voiceCall", "#videoCall",
        "#historyButton", "#searchButton", "#groupInfoButton")) {
      Button tool = find(e, id);
      assertNotNull(tool, id);
      assertTrue(tool.getGraphic() instanceof FontIcon, id);
      assertTrue(tool.getText() == null || tool.getText().isEmpty(), id + " shows no words");
      assertFalse(tool.getTooltip().getText().isBlank(), id + " says what it does");
    }
    assertEquals("No messages yet. Say hello!", placeholderText(find(e, "#messages")));

    // Ctrl+Enter chosen in the settings: Enter makes a new line, Ctrl+Enter sends
    click(robot, find(e, "#navSettings"));
    ChoiceBox<Boolean> sendKey = await(() -> find(e, "#sendKey"));
    robot.interact(() -> sendKey.setValue(true));
    click(robot, find(e, "#navChats"));
    fill(robot, input, "line one");
    key(robot, input, false);
    assertEquals("line one\n", input.getText(), "Enter is a new line");
    robot.interact(() -> input.appendText("line two"));
    key(robot, input, true);
    awaitTrue(() -> linesOf(e).stream().anyMatch(l -> "line one\nline two".equals(l.message().text())));
    assertEquals("", input.getText());
    // a message's menu copies its text
    ListView<ling.client.chat.ChatLine> chatLines = find(e, "#messages");
    javafx.scene.control.MenuItem copy = await(() -> chatLines.lookupAll(".list-cell").stream()
        .map(c -> ((javafx.scene.control.ListCell<?>) c).getContextMenu()).filter(java.util.Objects::nonNull)
        .flatMap(menu -> menu.getItems().stream()).filter(i -> i.getId() != null && i.getId().startsWith("copy-"))
        .findFirst().orElse(null));
    robot.interact(copy::fire);
    assertEquals("line one\nline two", org.testfx.util.WaitForAsyncUtils.asyncFx(
        () -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get());
    // and forwards it to another conversation, chosen in a dialog
    javafx.scene.control.MenuItem forward = await(() -> chatLines.lookupAll(".list-cell").stream()
        .map(c -> ((javafx.scene.control.ListCell<?>) c).getContextMenu()).filter(java.util.Objects::nonNull)
        .flatMap(menu -> menu.getItems().stream()).filter(i -> i.getId() != null && i.getId().startsWith("forward-"))
        .findFirst().orElse(null));
    robot.interact(forward::fire);
    javafx.scene.control.DialogPane forwardDialog = await(() -> javafx.stage.Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot().getId() != null
            && w.getScene().getRoot().getId().equals("forwardDialog"))
        .map(w -> (javafx.scene.control.DialogPane) w.getScene().getRoot()).findFirst().orElse(null));
    long gilsId = g.client().me().id();
    robot.interact(() -> {
      @SuppressWarnings("unchecked")
      javafx.scene.control.ComboBox<Object> choice = (javafx.scene.control.ComboBox<Object>) forwardDialog
          .lookup(".combo-box");
      choice.getItems().stream().filter(item -> item.toString().equals(gil)).findFirst()
          .ifPresent(choice.getSelectionModel()::select);
      ((Button) forwardDialog.lookupButton(javafx.scene.control.ButtonType.OK)).fire();
    });
    awaitTrue(() -> {
      var chat = g.client().conversations().find(e.client().contacts().friend(gilsId).conversationId());
      return chat != null && chat.lastMessage() != null && "line one\nline two".equals(chat.lastMessage().text());
    });
    assertTrue(ling.client.settings.Settings.load(new ling.client.settings.Profile(homes.resolve("e")))
        .ctrlEnterSends(), "kept in the settings");

    // one box above the list finds a conversation by the friend's or group's name; Esc shows all again
    ling.client.emoji.EmojiField searchAll = find(e, "#searchAll");
    ListView<ling.client.api.Models.Conversation> list = find(e, "#conversations");
    awaitTrue(() -> list.getItems().size() == 2);
    fill(robot, searchAll, gil.substring(0, 6).toUpperCase(java.util.Locale.ROOT));
    awaitTrue(() -> list.getItems().size() == 1 && list.getItems().get(0).peer().username().equals(gil));
    fill(robot, searchAll, "no-such-name");
    awaitTrue(() -> list.getItems().isEmpty());
    assertEquals("Nothing found", placeholderText(list));
    robot.interact(() -> searchAll.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false,
        false, false, false)));
    awaitTrue(() -> list.getItems().size() == 2 && searchAll.getText().isEmpty());

    // a picture on the clipboard, pasted with Ctrl+V, is shown first and goes as an image on Send
    robot.interact(() -> {
      javafx.scene.image.WritableImage picture = new javafx.scene.image.WritableImage(120, 80);
      for (int x = 0; x < 120; x++) {
        for (int y = 0; y < 80; y++) {
          picture.getPixelWriter().setArgb(x, y, 0xff000000 | (x * 2) << 16 | (y * 3) << 8 | 0x80);
        }
      }
      javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
      content.putImage(picture);
      javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    });
    robot.interact(() -> input.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.V, false, true,
        false, false)));
    Node preview = await(() -> javafx.stage.Window.getWindows().stream().filter(w -> w.isShowing()
            && w.getScene() != null && w.getScene().getRoot().lookup("#pastePreview") != null)
        .map(w -> w.getScene().getRoot()).findFirst().orElse(null));
    assertNotNull(preview.lookup("#pastedImage"), "the picture is shown before it goes");
    assertTrue(linesOf(e).stream().noneMatch(l -> "image".equals(l.message().kind())), "nothing sent yet");
    click(robot, preview.lookup("#sendPasted"));
    awaitTrue(() -> linesOf(e).stream().anyMatch(l -> !l.pending() && "image".equals(l.message().kind())
        && l.message().file().width() == 120 && l.message().file().height() == 80));

    // a click opens it in a viewer that zooms
    long pictureId = linesOf(e).stream().filter(l -> "image".equals(l.message().kind())).findFirst().orElseThrow()
        .message().file().fileId();
    Node thumbnail = await(() -> find(e, "#image-" + pictureId));
    robot.interact(() -> thumbnail.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
        0, 0, 0, 0, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true,
        false, false, null)));
    javafx.scene.Parent viewer = await(() -> javafx.stage.Window.getWindows().stream()
        .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot().lookup("#imageViewer") != null)
        .map(w -> w.getScene().getRoot()).findFirst().orElse(null));
    Label zoom = (Label) viewer.lookup("#zoomLevel");
    assertEquals("100 %", zoom.getText(), "a small picture at its own size");
    click(robot, viewer.lookup("#zoomIn"));
    assertEquals("125 %", zoom.getText());
    click(robot, viewer.lookup("#zoomOut"));
    click(robot, viewer.lookup("#zoomOut"));
    assertEquals("80 %", zoom.getText());
    robot.interact(() -> ((javafx.stage.Stage) viewer.getScene().getWindow()).close());

    // a file's card shows its kind
    Path plan = homes.resolve("plan.pdf");
    java.nio.file.Files.write(plan, "%PDF-1.4 not much of one".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    robot.interact(() -> e.main().chats().pane().sendFiles(List.of(plan)));
    awaitTrue(() -> linesOf(e).stream().anyMatch(l -> !l.pending() && l.message().file() != null
        && "plan.pdf".equals(l.message().file().name())));
    long planId = linesOf(e).stream().filter(l -> l.message().file() != null
        && "plan.pdf".equals(l.message().file().name())).findFirst().orElseThrow().message().file().fileId();
    FontIcon kind = await(() -> find(e, "#fileKind-" + planId));
    assertEquals("mdi2f-file-pdf-box", kind.getIconCode().getDescription());

    // many messages from Gil while Fay's chat is open: Gil's opens with a line where unread begins,
    // and a button up to it
    ClientDriver.click(robot, find(g, "#navChats"));
    long gilsChat = g.client().contacts().friend(e.client().me().id()).conversationId();
    robot.interact(() -> g.main().chats().open(gilsChat));
    ling.client.emoji.EmojiField gilsInput = await(() -> find(g, "#input"));
    int quiet = e.main().chimes();
    for (int i = 1; i <= 30; i++) {
      fill(robot, gilsInput, "news " + i);
      click(robot, find(g, "#send"));
    }
    awaitTrue(() -> {
      var known = e.client().conversations().find(gilsChat);
      return known != null && known.unreadCount() == 30;
    });
    // they sounded (Fay's chat is the one on screen), but not once each: a burst sounds once a moment
    int chimes = e.main().chimes() - quiet;
    assertTrue(chimes >= 1 && chimes < 10, "sounded " + chimes + " times for 30 messages");
    robot.interact(() -> e.main().chats().open(gilsChat));
    Button jump = await(() -> find(e, "#jumpToUnread"));
    awaitTrue(jump::isVisible);
    assertEquals("↑ 30 new messages", jump.getText());
    click(robot, jump);
    awaitTrue(() -> !jump.isVisible());
    Node divider = await(() -> find(e, "#newMessagesDivider"));
    awaitTrue(() -> divider.localToScene(divider.getBoundsInLocal()).getMinY() >= 0
        && divider.getScene() != null && divider.isVisible());
    ListView<ling.client.chat.ChatLine> shownLines = find(e, "#messages");
    awaitTrue(() -> {
      var cell = shownLines.lookupAll(".list-cell").stream().filter(c -> c.lookup("#newMessagesDivider") != null)
          .findFirst().orElse(null);
      return cell != null && ((javafx.scene.control.ListCell<?>) cell).getItem() != null
          && "news 1".equals(((ling.client.chat.ChatLine) ((javafx.scene.control.ListCell<?>) cell).getItem())
              .message().text());
    });
    long withFay = e.client().contacts().friend(f.client().me().id()).conversationId();
    robot.interact(() -> e.main().chats().open(withFay));
    awaitTrue(() -> e.client().conversations().openProperty().get() == withFay);

    // switched off in the settings, a new message is silent
    click(robot, find(e, "#navSettings"));
    javafx.scene.control.CheckBox sound = await(() -> find(e, "#messageSound"));
    assertTrue(sound.isSelected(), "on by default");
    robot.interact(() -> sound.setSelected(false));
    click(robot, find(e, "#navChats"));
    int before = e.main().chimes();
    Thread.sleep(1_600);
    fill(robot, gilsInput, "one more");
    click(robot, find(g, "#send"));
    awaitTrue(() -> e.client().conversations().find(gilsChat).unreadCount() >= 1
        && "one more".equals(e.client().conversations().find(gilsChat).lastMessage().text()));
    assertEquals(before, e.main().chimes(), "silent when switched off");

    // a draft stays with its conversation while another is open
    fill(robot, input, "half a thought for Fay");
    long withGil = e.client().contacts().friend(g.client().me().id()).conversationId();
    robot.interact(() -> e.main().chats().open(withGil));
    awaitTrue(() -> e.client().conversations().openProperty().get() == withGil);
    assertEquals("", input.getText(), "Gil's chat has its own (empty) draft");
    // and Fay's row in the list says there is a draft
    awaitTrue(() -> {
      ListView<ling.client.api.Models.Conversation> rows = find(e, "#conversations");
      return rows.lookupAll(".list-cell").stream().anyMatch(cell -> cell.lookup("#conversation-" + withFay) != null
          && cell.lookupAll(".draft-preview").stream().anyMatch(t -> t instanceof javafx.scene.text.Text text
              && text.getText().contains("half a thought for Fay")));
    });
    fill(robot, input, "and one for Gil");
    robot.interact(() -> e.main().chats().open(withFay));
    awaitTrue(() -> e.client().conversations().openProperty().get() == withFay);
    assertEquals("half a thought for Fay", input.getText());
    robot.interact(() -> e.main().chats().open(withGil));
    awaitTrue(() -> "and one for Gil".equals(input.getText()));
  }

  /** Enter, with Ctrl or without, as the keyboard delivers it to the field. */
  private static void key(FxRobot robot, Node field, boolean control) {
    robot.interact(() -> field.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, control,
        false, false)));
  }

  private static String placeholderText(ListView<?> list) {
    Node placeholder = list.getPlaceholder();
    assertNotNull(placeholder, list.getId() + " has a hint");
    assertTrue(placeholder.isVisible(), list.getId());
    return ((Label) placeholder).getText();
  }
}
