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
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import ling.assistant.FakeOpenAi;
import ling.client.api.Models.Conversation;
import ling.client.chat.ChatLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The assistant in the desktop client, against a server whose assistant answers from a stand-in
 * backend: its chat on top, an answer seen while it streams and then as a message, the quota in
 * the header, a failure told in words, and a summary asked from another conversation's menu.
 */
@ExtendWith(ApplicationExtension.class)
class AssistantFlowTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
    FakeOpenAi backend = TestServer.assistantBackend();
    backend.behaviour = FakeOpenAi.Behaviour.ANSWER;
    backend.pieceDelayMillis = 5;
  }

  @Test
  @Timeout(120)
  void theAssistantStreamsItsAnswerCountsTheQuestionTellsOfFailuresAndSummarisesUnread(FxRobot robot)
      throws Exception {
    TestServer server = TestServer.withAssistant();
    FakeOpenAi backend = TestServer.assistantBackend();
    String ann = TestServer.uniqueName("ann");
    String bob = TestServer.uniqueName("bob");
    ClientWindow a = open(homes.resolve("a"), 0);
    signUp(robot, a, server, ann, null);

    // the assistant's chat heads the list, under its own picture, and opens with the quota shown
    // (its conversation may open a moment after the contact: the client asks again until it has it)
    awaitTrue(() -> a.client().assistant().exists() && a.client().assistant().conversationId() > 0);
    long assistantId = a.client().assistant().userId();
    long own = a.client().assistant().conversationId();
    try {
      awaitTrue(() -> !a.client().conversations().items().isEmpty()
          && a.client().conversations().items().get(0).id() == own);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the assistant's chat (" + a.client().assistant().statusProperty().get()
          + ") is not first in " + a.client().conversations().items(), e);
    }
    await(() -> find(a, "#conversation-" + own));
    assertNotNull(await(() -> cellOf(a, own)).lookup(".assistant-avatar"), "its own avatar");
    robot.interact(() -> a.main().chats().open(own));
    Label quota = await(() -> find(a, "#assistantQuota"));
    awaitTrue(() -> quota.isVisible() && quota.getText().equals("5 of 5 questions left"));
    assertFalse(find(a, "#voiceCall").isVisible(), "nobody calls the assistant");

    // the answer grows in its bubble while it is written, then stays as the assistant's message
    backend.pieces = List.of("Hello", ", I am", " Ling's", " assistant", ".");
    backend.pieceDelayMillis = 300;
    fill(robot, find(a, "#input"), "Who are you?");
    click(robot, find(a, "#send"));
    String whole = "Hello, I am Ling's assistant.";
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> l.status() == ChatLine.Status.STREAMING
        && !l.message().text().isEmpty() && !l.message().text().equals(whole)));
    await(() -> find(a, ".streaming"));
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && whole.equals(l.message().text())
        && l.message().senderId() == assistantId));
    assertTrue(linesOf(a).stream().noneMatch(l -> l.status() == ChatLine.Status.STREAMING), "nothing left streaming");
    awaitTrue(() -> quota.getText().equals("4 of 5 questions left"));

    // a backend that fails: the question stays, the reason is in the chat in words, nothing is used
    backend.pieceDelayMillis = 5;
    backend.behaviour = FakeOpenAi.Behaviour.STATUS;
    backend.status = 503;
    backend.errorBody = FakeOpenAi.error("server_error", "overloaded");
    fill(robot, find(a, "#input"), "Still there?");
    click(robot, find(a, "#send"));
    Label notice = await(() -> find(a, ".notice-line"));
    assertEquals("The assistant service cannot be reached right now. Please ask again later.", notice.getText());
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && "Still there?".equals(l.message().text())));
    awaitTrue(() -> quota.getText().equals("4 of 5 questions left"));

    // Bob writes to Ann; she has it summarised from the conversation's menu, and the summary
    // arrives in the assistant's chat, which opens for it
    backend.behaviour = FakeOpenAi.Behaviour.ANSWER;
    backend.pieces = List.of("Bob asks ", "about lunch.");
    ClientWindow b = open(homes.resolve("b"), 640);
    signUp(robot, b, server, bob, null);
    befriend(robot, a, ann, b, bob);
    click(robot, find(b, "#chat-" + ann));
    fill(robot, await(() -> find(b, "#input")), "Lunch at noon?");
    click(robot, find(b, "#send"));
    long pair = b.main().chats().pane().chat().conversationId();
    click(robot, find(a, "#navChats"));
    robot.interact(() -> a.main().chats().open(own));
    awaitTrue(() -> {
      Conversation c = a.client().conversations().find(pair);
      return c != null && c.unreadCount() == 1;
    });
    MenuItem summarise = await(() -> menuItem(a, pair, "#summarise-" + pair));
    assertFalse(summarise.isDisable());
    robot.interact(summarise::fire);
    String expected = "Summary of " + bob + ":\n\nBob asks about lunch.";
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && expected.equals(l.message().text())));
    awaitTrue(() -> quota.getText().equals("3 of 5 questions left"));
    assertTrue(backend.requests.get(backend.requests.size() - 1).body().encode().contains("Lunch at noon?"));
  }

  @Test
  @Timeout(90)
  void withoutABackendTheClientShowsNothingOfTheAssistant(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String cat = TestServer.uniqueName("cat");
    String dan = TestServer.uniqueName("dan");
    ClientWindow c = open(homes.resolve("c"), 0);
    ClientWindow d = open(homes.resolve("d"), 640);
    signUp(robot, c, server, cat, null);
    signUp(robot, d, server, dan, null);
    befriend(robot, c, cat, d, dan);
    click(robot, find(d, "#chat-" + cat));
    fill(robot, await(() -> find(d, "#input")), "hi");
    click(robot, find(d, "#send"));
    long pair = d.main().chats().pane().chat().conversationId();
    click(robot, find(c, "#navChats"));
    awaitTrue(() -> {
      Conversation known = c.client().conversations().find(pair);
      return known != null && known.unreadCount() == 1;
    });
    robot.interact(() -> c.main().chats().open(pair));
    await(() -> find(c, "#input"));
    assertFalse(c.client().assistant().exists());
    assertEquals(1, c.client().conversations().items().size(), "no assistant's chat");
    assertEquals(1, c.client().contacts().friends().size(), "no assistant among the contacts");
    assertTrue(c.stage().getScene().getRoot().lookupAll(".assistant-avatar").isEmpty());
    assertFalse(find(c, "#assistantQuota").isVisible());
    robot.interact(() -> assertTrue(cellOf(c, pair).getContextMenu().getItems().stream()
        .noneMatch(i -> ("summarise-" + pair).equals(i.getId())), "no summary to ask for"));
  }

  /** An item of a conversation row's context menu, as it is when the menu opens. */
  private static MenuItem menuItem(ClientWindow window, long conversationId, String id) {
    ListCell<?> cell = cellOf(window, conversationId);
    if (cell == null) {
      return null;
    }
    cell.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
        0, 0, 0, 0, false, null));
    var menu = cell.getContextMenu();
    if (menu != null) {
      menu.hide();
    }
    return menu == null ? null : menu.getItems().stream().filter(i -> id.substring(1).equals(i.getId()))
        .findFirst().orElse(null);
  }

  /** The row of the conversation list showing a conversation, or null. */
  private static ListCell<?> cellOf(ClientWindow window, long conversationId) {
    ListView<Conversation> list = find(window, "#conversations");
    Node node = list.lookup("#conversation-" + conversationId);
    while (node != null && !(node instanceof ListCell<?>)) {
      node = node.getParent();
    }
    return (ListCell<?>) node;
  }
}
