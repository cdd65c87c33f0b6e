package ling.client;

import ling.client.emoji.EmojiText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import ling.client.api.LiveSocket;
import ling.client.chat.ChatLine;
import ling.client.emoji.EmojiText;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Drives client windows in tests: opening, signing up, befriending, finding and pressing things. */
final class ClientDriver {

  private ClientDriver() {
  }


  private static final java.util.List<ClientWindow> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Closes every window the test opened as a user would: the clients sign off, calls end and the
   * WebRTC factories are disposed of (without that the JVM would not exit).
   */
  static void closeAll(FxRobot robot) {
    for (ClientWindow window : OPENED) {
      robot.interact(() -> {
        if (window.stage().isShowing()) {
          window.stage().getOnCloseRequest().handle(null);
          window.stage().close();
        }
      });
    }
    OPENED.clear();
  }

  /** The open call window a client's main window owns, or null. */
  static javafx.scene.Parent callWindow(ClientWindow client) {
    return ownedWindow(client, "callWindow");
  }

  /** The open group call window a client's main window owns, or null. */
  static javafx.scene.Parent groupWindow(ClientWindow client) {
    return ownedWindow(client, "groupCallWindow");
  }

  private static javafx.scene.Parent ownedWindow(ClientWindow client, String rootId) {
    return javafx.stage.Window.getWindows().stream()
        .filter(w -> w instanceof Stage s && s.getOwner() == client.stage() && w.isShowing() && w.getScene() != null
            && rootId.equals(w.getScene().getRoot().getId()))
        .map(w -> w.getScene().getRoot()).findFirst().orElse(null);
  }

  static ClientWindow open(Path home, double x) throws Exception {
    Settings settings = Settings.load(new Profile(home));
    if (settings.windowBounds() == null) {
      settings.setWindowBounds(x, 0, 640, 780);
    }
    return WaitForAsyncUtils.asyncFx(() -> {
      ClientWindow window = new ClientWindow(new Stage(), new Profile(home));
      window.open();
      OPENED.add(window);
      return window;
    }).get(20, TimeUnit.SECONDS);
  }

  /** Two windows side by side, each signed up as a new user, the two friends. */
  record Friends(ClientWindow a, String alice, ClientWindow b, String bob) {
  }

  static Friends twoFriends(FxRobot robot, Path homes, String first, String second) throws Exception {
    TestServer server = TestServer.shared();
    String alice = TestServer.uniqueName(first);
    String bob = TestServer.uniqueName(second);
    ClientWindow a = open(homes.resolve(first), 0);
    ClientWindow b = open(homes.resolve(second), 640);
    signUp(robot, a, server, alice, null);
    signUp(robot, b, server, bob, null);
    befriend(robot, a, alice, b, bob);
    return new Friends(a, alice, b, bob);
  }

  /** Alice finds Bob and asks; Bob accepts from his requests. */
  static void befriend(FxRobot robot, ClientWindow a, String alice, ClientWindow b, String bob)
      throws Exception {
    click(robot, find(a, "#navContacts"));
    fill(robot, find(a, "#userSearch"), bob);
    click(robot, find(a, "#findUsers"));
    await(() -> find(a, "#add-" + bob));
    // cells redraw while the list settles: click the button that is there now
    WaitForAsyncUtils.waitForFxEvents();
    click(robot, find(a, "#add-" + bob));
    awaitTrue(() -> ((Button) find(a, "#add-" + bob)).isDisabled());
    ListView<ling.client.api.Models.FriendRequest> sent = find(a, "#sentRequests");
    awaitTrue(() -> sent.getItems().stream().anyMatch(r -> r.to().username().equals(bob)));
    click(robot, find(b, "#navContacts"));
    await(() -> find(b, "#accept-" + alice));
    WaitForAsyncUtils.waitForFxEvents();
    click(robot, find(b, "#accept-" + alice));
    await(() -> find(a, "#friend-" + bob));
    await(() -> find(b, "#friend-" + alice));
  }

  static void signUp(FxRobot robot, ClientWindow window, TestServer server, String username,
                             String displayName) throws Exception {
    fill(robot, find(window, "#server"), server.address());
    click(robot, find(window, "#toggleMode"));
    fill(robot, find(window, "#username"), username);
    fill(robot, find(window, "#password"), "secret-password");
    if (displayName != null) {
      fill(robot, find(window, "#displayName"), displayName);
    }
    click(robot, find(window, "#submit"));
    try {
      await(() -> find(window, "#mainView"));
    } catch (java.util.concurrent.TimeoutException e) {
      Label message = find(window, "#loginMessage");
      throw new AssertionError("not signed up: " + (message == null ? "" : message.getText()), e);
    }
    awaitTrue(() -> window.client().stateProperty().get() == LiveSocket.State.ONLINE);
  }

  /**
   * Presses a button (or link) through its own action, as a click does. Two windows share one
   * headless screen, where the robot's clicks can land on the other window; this does not.
   */
  static void click(FxRobot robot, Node node) {
    assertNotNull(node);
    robot.interact(() -> ((javafx.scene.control.ButtonBase) node).fire());
  }

  /** A key pressed in a node, delivered to it as the keyboard would. */
  static void press(FxRobot robot, Node node, KeyCode key, boolean shift) {
    robot.interact(() -> node.fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
        "", "", key, shift, false, false, false)));
  }

  /** Types into a toolkit text field or an emoji field: the text, then the caret at its end. */
  static void fill(FxRobot robot, Node field, String text) {
    robot.interact(() -> {
      if (field instanceof ling.client.emoji.EmojiField emoji) {
        emoji.setText(text);
        emoji.positionCaret(text.length());
      } else {
        TextInputControl input = (TextInputControl) field;
        input.setText(text);
        input.positionCaret(text.length());
      }
    });
  }


  static java.util.List<ChatLine> linesOf(ClientWindow window) {
    ListView<ChatLine> messages = find(window, "#messages");
    return messages == null || messages.getItems() == null ? java.util.List.of() : java.util.List.copyOf(messages.getItems());
  }

  @SuppressWarnings("unchecked")
  static <T extends Node> T find(ClientWindow window, String selector) {
    if (window.stage().getScene() == null) {
      return null;
    }
    return (T) window.stage().getScene().getRoot().lookup(selector);
  }

  static <T> T await(Supplier<T> found) throws Exception {
    Object[] result = new Object[1];
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
      result[0] = WaitForAsyncUtils.asyncFx(found::get).get();
      return result[0] != null;
    });
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    assertNotNull(value);
    return value;
  }

  static void awaitTrue(Supplier<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
  }
}
