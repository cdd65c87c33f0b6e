package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.linesOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import ling.client.api.Models.FileRef;
import ling.client.chat.ChatLine;
import ling.client.chat.ChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Scrolling up through a conversation of pictures: each older page comes in above without moving what is on screen. */
@ExtendWith(ApplicationExtension.class)
class OlderPagesTest {

  private static final int PICTURES = 130;
  private static final int DISTINCT = 10;

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(180)
  void olderPagesOfPicturesComeInAboveWhileTheUserStaysWhereTheyAre(FxRobot robot) throws Exception {
    ClientDriver.Friends friends = ClientDriver.twoFriends(robot, homes, "ada", "ben");
    ClientWindow a = friends.a();
    ClientWindow b = friends.b();
    String ben = friends.bob();

    // Ada sends a picture, then the same one many times (each a message of its own)
    click(robot, find(a, "#chat-" + ben));
    await(() -> find(a, "#input"));
    // pictures of their own, each then sent many times: the reader fetches each thumbnail once
    List<FileRef> pictures = new java.util.ArrayList<>();
    for (int i = 0; i < DISTINCT; i++) {
      Path png = homes.resolve("peak-" + i + ".png");
      javax.imageio.ImageIO.write(Pictures.mountain(640 - 8 * i, 480 - 6 * i), "png", png.toFile());
      robot.interact(() -> a.main().chats().pane().sendFiles(List.of(png)));
      int sentSoFar = i + 1;
      awaitTrue(() -> linesOf(a).stream().filter(l -> !l.pending() && "image".equals(l.message().kind())).count()
          == sentSoFar);
      pictures.add(linesOf(a).get(linesOf(a).size() - 1).message().file());
    }
    long conversation = linesOf(a).get(0).message().conversationId();
    ChatModel chat = a.client().chat(conversation);
    // under the socket's limit of frames a second
    for (int sent = DISTINCT; sent < PICTURES; sent += 40) {
      int from = sent;
      int batch = Math.min(40, PICTURES - sent);
      robot.interact(() -> {
        for (int i = 0; i < batch; i++) {
          chat.sendFile(pictures.get((from + i) % DISTINCT));
        }
      });
      Thread.sleep(1100);
    }
    try {
      awaitTrue(() -> linesOf(a).stream().filter(l -> !l.pending() && "image".equals(l.message().kind())).count()
          == PICTURES);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("sent: " + linesOf(a).stream().map(l -> l.message().kind() + "/" + l.status()).toList(), e);
    }

    // Ben opens it, then a group of his own, then it again: the list's cells were made for another
    // chat before (they see a page come in before the chat does)
    var group = b.client().gateway().createGroup("Ben's own", List.of()).get(10, TimeUnit.SECONDS);
    click(robot, find(b, "#navChats"));
    awaitTrue(() -> b.client().conversations().find(conversation) != null
        && b.client().conversations().find(group.conversationId()) != null);
    robot.interact(() -> b.main().chats().open(conversation));
    awaitTrue(() -> linesOf(b).size() >= 50);
    WaitForAsyncUtils.waitForFxEvents(4);
    robot.interact(() -> b.main().chats().open(group.conversationId()));
    WaitForAsyncUtils.waitForFxEvents(4);
    // then scrolls up from the newest page by the wheel, a screen at a time
    robot.interact(() -> b.main().chats().open(conversation));
    awaitTrue(() -> linesOf(b).size() >= 50 && linesOf(b).get(0).message().conversationId() == conversation);
    ListView<ChatLine> list = find(b, "#messages");
    VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
    // drawn at its end, as the user first sees it, before the wheel turns
    awaitTrue(() -> flow.getPosition() >= 1.0 && flow.getLastVisibleCell() != null
        && flow.getLastVisibleCell().getIndex() == list.getItems().size() - 1);
    WaitForAsyncUtils.waitForFxEvents(4);
    // the thumb dragged to the top, then the wheel turned up: the page before is asked for, and
    // when it comes in the line the user is at stays on top
    int newest = list.getItems().size();
    robot.interact(() -> {
      list.scrollTo(0);
      flow.fireEvent(wheelUp(list.getHeight()));
    });
    WaitForAsyncUtils.waitForFxEvents(2);
    long first = list.getItems().get(list.getItems().size() - newest).message().seq();
    awaitTrue(() -> list.getItems().size() > newest);
    WaitForAsyncUtils.waitForFxEvents(4);
    assertTrue(topSeq(flow) == first, "at the top when the page came: the top line went from seq " + first + " to "
        + topSeq(flow) + " (at " + flow.getPosition() + ")");

    long top = topSeq(flow);
    int pages = 0;
    int steps = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while ((chatOf(b, conversation).hasOlderProperty().get() || flow.getPosition() > 0.0)
        && System.nanoTime() < deadline) {
      int loaded = list.getItems().size();
      robot.interact(() -> flow.fireEvent(wheelUp(list.getHeight())));
      WaitForAsyncUtils.waitForFxEvents(2);
      if (flow.getPosition() <= 0.0 && list.getItems().size() == loaded && chatOf(b, conversation).hasOlderProperty()
          .get()) {
        // at the top before the page came: it comes, and the line on top stays on top
        awaitTrue(() -> list.getItems().size() > loaded);
      }
      if (list.getItems().size() > loaded) {
        pages++;
        WaitForAsyncUtils.waitForFxEvents(4);
        long now = topSeq(flow);
        long before = top;
        assertTrue(now <= before && before - now <= 8, "a page came in above: the top line went from seq " + before
            + " to " + now + " (" + list.getItems().size() + " lines loaded, at " + flow.getPosition() + ")");
      }
      long moved = top - topSeq(flow);
      assertTrue(moved >= 0 && moved <= 8, "a screen up moved the top line by " + moved + " lines, from seq " + top);
      top = topSeq(flow);
      steps++;
    }
    System.out.println("scrolled up in " + steps + " screens, " + pages + " pages came");
    assertTrue(topSeq(flow) <= 2, "scrolled up to the first line, not " + topSeq(flow));
    assertTrue(pages >= 1, "pages came in while scrolling: " + pages);
    // the pictures on screen are drawn: those the list only measured as pages came were not fetched,
    // these were
    awaitTrue(() -> {
      List<javafx.scene.image.ImageView> shown = picturesOnScreen(flow);
      return !shown.isEmpty() && shown.stream().allMatch(view -> view.getImage() != null);
    });

    // a message that comes while Ben reads far up is added at the end and leaves him where he is
    long reading = topSeq(flow);
    int before = list.getItems().size();
    robot.interact(() -> chat.sendText("still there?", null));
    awaitTrue(() -> list.getItems().size() == before + 1
        && "still there?".equals(list.getItems().get(before).message().text()));
    WaitForAsyncUtils.waitForFxEvents(4);
    assertTrue(topSeq(flow) == reading, "a new message moved the reader from seq " + reading + " to " + topSeq(flow)
        + " (at " + flow.getPosition() + ")");

    // at the end again, he moves to the top, and a message comes before the list has drawn the move
    // (its cells still show the end): he stays at the top
    robot.interact(() -> list.scrollTo(list.getItems().size() - 1));
    awaitTrue(() -> flow.getLastVisibleCell() != null
        && flow.getLastVisibleCell().getIndex() == list.getItems().size() - 1);
    WaitForAsyncUtils.waitForFxEvents(4);
    ling.client.api.Models.Message last = list.getItems().get(list.getItems().size() - 1).message();
    robot.interact(() -> {
      list.scrollTo(0);
      flow.fireEvent(wheelUp(list.getHeight()));
      // as the socket's push of Ada's next message hands it over
      chatOf(b, conversation).received(new ling.client.api.Models.Message(last.id() + 1, conversation, last.seq() + 1,
          last.senderId(), "late-" + last.seq(), "text", "and now?", null, null, null, null, last.createdAt(), false));
    });
    WaitForAsyncUtils.waitForFxEvents(4);
    assertTrue(topSeq(flow) <= 2, "a message that came as the reader moved up took him to seq " + topSeq(flow)
        + " (at " + flow.getPosition() + ")");
  }

  private static List<javafx.scene.image.ImageView> picturesOnScreen(VirtualFlow<?> flow) {
    try {
      return WaitForAsyncUtils.asyncFx(() -> {
        List<javafx.scene.image.ImageView> views = new java.util.ArrayList<>();
        if (flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null) {
          for (int i = flow.getFirstVisibleCell().getIndex(); i <= flow.getLastVisibleCell().getIndex(); i++) {
            if (flow.getVisibleCell(i) instanceof ListCell<?> cell) {
              cell.lookupAll("ImageView").stream()
                  .filter(node -> node.getId() != null && node.getId().startsWith("image-"))
                  .forEach(node -> views.add((javafx.scene.image.ImageView) node));
            }
          }
        }
        return views;
      }).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChatModel chatOf(ClientWindow window, long conversation) {
    return window.client().chat(conversation);
  }

  private static long topSeq(VirtualFlow<?> flow) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> flow.getFirstVisibleCell() instanceof ListCell<?> cell
        && cell.getItem() instanceof ChatLine line ? line.message().seq() : -1L).get(10, TimeUnit.SECONDS);
  }

  private static ScrollEvent wheelUp(double pixels) {
    return new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false, false, 0, pixels,
        0, pixels, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
        null);
  }
}
