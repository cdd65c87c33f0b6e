package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main views in English and in Chinese, at the window's default size and at its smallest: no
 * label or button shows its words cut short, and nothing hides behind a sideways scroll bar.
 */
@ExtendWith(ApplicationExtension.class)
class NothingCutOffTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(240)
  void noWordsAreCutOffInEitherLanguageAtTheDefaultOrTheSmallestSize(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    List<String> cut = new ArrayList<>();
    for (String language : List.of("en", "zh-CN")) {
      Path home = homes.resolve(language);
      Settings settings = Settings.load(new Profile(home));
      settings.setLanguage(language);
      settings.setWindowBounds(0, 0, 980, 680);
      String me = TestServer.uniqueName("cut");
      String friend = TestServer.uniqueName("cutf");
      ClientWindow a = open(home, 0);
      ClientWindow b = open(homes.resolve(language + "-friend"), 640);
      signUp(robot, a, server, me, null);
      signUp(robot, b, server, friend, null);
      befriend(robot, a, me, b, friend);
      long friendId = b.client().me().id();
      var group = a.client().gateway().createGroup("Hikers", List.of(friendId)).get();
      awaitTrue(() -> a.client().conversations().find(group.conversationId()) != null);
      Stage stage = a.stage();
      double[][] sizes = {{980, 680}, {stage.getMinWidth(), stage.getMinHeight()}};
      for (double[] size : sizes) {
        String where = language + " at " + (int) size[0] + "×" + (int) size[1];
        robot.interact(() -> {
          stage.setWidth(size[0]);
          stage.setHeight(size[1]);
        });
        // a direct chat
        click(robot, find(a, "#navChats"));
        long direct = a.client().contacts().friend(friendId).conversationId();
        robot.interact(() -> a.main().chats().open(direct));
        await(() -> find(a, "#input"));
        cut.addAll(cutOff(a, where + ", a chat"));
        // a group's chat with its information beside it
        robot.interact(() -> a.main().chats().open(group.conversationId()));
        awaitTrue(() -> find(a, "#groupInfoButton").isVisible());
        click(robot, find(a, "#groupInfoButton"));
        awaitTrue(() -> find(a, "#groupMembers") != null
            && ((javafx.scene.control.ListView<?>) find(a, "#groupMembers")).getItems().size() == 2);
        cut.addAll(cutOff(a, where + ", group info"));
        click(robot, find(a, "#groupInfoButton"));
        // the contacts with a friend's card open
        click(robot, find(a, "#navContacts"));
        robot.interact(() -> {
          javafx.scene.control.TreeView<Object> tree = find(a, "#friends");
          tree.getRoot().getChildren().stream().flatMap(folder -> folder.getChildren().stream())
              .filter(item -> item.getValue() instanceof ling.client.api.Models.Friend f && f.user().id() == friendId)
              .findFirst().ifPresent(tree.getSelectionModel()::select);
        });
        await(() -> find(a, "#friendRemark"));
        cut.addAll(cutOff(a, where + ", contacts"));
        click(robot, find(a, "#navSettings"));
        await(() -> find(a, "#sendKey"));
        cut.addAll(cutOff(a, where + ", settings"));
      }
      ClientDriver.closeAll(robot);
    }
    assertTrue(cut.isEmpty(), "cut off:\n" + String.join("\n", cut));
  }

  /** What shows less than its words, or a sideways scroll bar, in the window now. */
  private static List<String> cutOff(ClientWindow window, String where) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    Thread.sleep(200);
    WaitForAsyncUtils.waitForFxEvents();
    return WaitForAsyncUtils.asyncFx(() -> {
      List<String> found = new ArrayList<>();
      visit(window.stage().getScene().getRoot(), node -> {
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
          String shown = labeled.getChildrenUnmodifiable().stream()
              .filter(child -> child instanceof Text && child.getStyleClass().contains("text"))
              .map(child -> ((Text) child).getText()).findFirst().orElse(labeled.getText());
          if (!shown.equals(labeled.getText())) {
            found.add(where + ": " + describe(labeled) + " shows \"" + shown + "\" of \"" + labeled.getText() + "\"");
          }
        }
        if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
          Node owner = bar.getParent();
          while (owner != null && owner.getId() == null) {
            owner = owner.getParent();
          }
          found.add(where + ": a sideways scroll bar in " + (owner == null ? "?" : "#" + owner.getId()));
        }
      });
      return found;
    }).get();
  }

  /** Every node that shows, depth first; hidden branches are left out. */
  private static void visit(Node node, java.util.function.Consumer<Node> seen) {
    if (!node.isVisible() || node.getOpacity() == 0) {
      return;
    }
    seen.accept(node);
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        visit(child, seen);
      }
    }
  }

  /** The node, and the nearest thing around it with an id, to find it by. */
  private static String describe(Labeled labeled) {
    Node around = labeled.getParent();
    while (around != null && around.getId() == null) {
      around = around.getParent();
    }
    return labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : " #" + labeled.getId())
        + (around == null ? "" : " in #" + around.getId());
  }
}
