package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.media.MediaView;
import javafx.scene.paint.Color;
import ling.client.api.Models.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A video sent as a message plays inside the chat: its first frame first, then with its controls. */
@ExtendWith(ApplicationExtension.class)
class VideoMessageTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(120)
  void aVideoShowsItsFirstFrameThenPlaysWithItsTimeInTheChat(FxRobot robot) throws Exception {
    ClientDriver.Friends friends = ClientDriver.twoFriends(robot, homes, "vic", "wes");
    ClientWindow v = friends.a();
    ClientWindow w = friends.b();
    String wes = friends.bob();
    // two seconds of a test picture with a tone, H.264 and AAC in MP4, as phones record them
    Path clip = homes.resolve("山顶 summit.mp4");
    try (var in = VideoMessageTest.class.getResourceAsStream("/ling/client/clip.mp4")) {
      Files.copy(in, clip);
    }

    click(robot, find(v, "#chat-" + wes));
    await(() -> find(v, "#input"));
    robot.interact(() -> v.main().chats().pane().sendFiles(List.of(clip)));
    awaitTrue(() -> linesOf(v).stream().anyMatch(l -> !l.pending() && "video".equals(l.message().kind())));
    Message sent = linesOf(v).stream().filter(l -> "video".equals(l.message().kind())).findFirst().orElseThrow()
        .message();
    assertEquals("video/mp4", sent.file().mime());
    long fileId = sent.file().fileId();

    // Wes opens the chat: the row says it is a video, the card shows the first frame of the picture
    click(robot, find(w, "#navChats"));
    long conversation = sent.conversationId();
    awaitTrue(() -> w.client().conversations().find(conversation) != null
        && w.client().conversations().find(conversation).lastMessage() != null);
    awaitTrue(() -> ((Node) find(w, "#conversations")).lookupAll(".conversation-preview").stream()
        .anyMatch(n -> n instanceof javafx.scene.text.Text t && t.getText().equals("[Video]")));
    robot.interact(() -> w.main().chats().open(conversation));
    Node card = await(() -> find(w, "#video-" + fileId));
    MediaView screen = (MediaView) card.lookup(".media-view");
    Label time = (Label) card.lookup("#videoTime-" + fileId);
    try {
      // the first video of the JVM starts the media framework: longer than a screen's change
      org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
          screen.getMediaPlayer() != null
              && (screen.getMediaPlayer().getStatus() == javafx.scene.media.MediaPlayer.Status.PAUSED
                  // on the null sound device the muted run can reach the end before it is paused
                  || screen.getMediaPlayer().getCurrentTime().greaterThanOrEqualTo(
                      screen.getMediaPlayer().getTotalDuration()))).get());
    } catch (java.util.concurrent.TimeoutException e) {
      var player = screen.getMediaPlayer();
      throw new AssertionError("no poster: player " + (player == null ? "none" : player.getStatus() + " at "
          + player.getCurrentTime() + ", error " + player.getError()) + ", time " + time.getText(), e);
    }
    // the poster holds the start: the position at zero
    try {
      awaitTrue(() -> time.getText().equals("0:00 / 0:02"));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("poster not held at the start: time " + time.getText() + ", player at "
          + screen.getMediaPlayer().getCurrentTime() + " " + screen.getMediaPlayer().getStatus(), e);
    }
    assertEquals(0, ((javafx.scene.control.Slider) card.lookup("#videoPosition-" + fileId)).getValue(),
        "the position at the start");
    assertTrue(colours(screen) > 50, "the first frame of the test picture is drawn");
    assertTrue(card.lookup("#playVideo-" + fileId).isVisible(), "a play button over the poster");
    // the newest line, the card, stands whole above the input
    awaitTrue(() -> {
      var list = (javafx.scene.control.ListView<?>) find(w, "#messages");
      var flow = (javafx.scene.control.skin.VirtualFlow<?>) list.lookup(".virtual-flow");
      var last = flow.getLastVisibleCell();
      return last != null && last.getIndex() == list.getItems().size() - 1
          && last.getLayoutY() + last.getHeight() <= flow.getHeight() + 1;
    });

    // played: the button goes, the time moves on, and at the end it can be played again
    click(robot, card.lookup("#playVideo-" + fileId));
    awaitTrue(() -> screen.getMediaPlayer().getCurrentTime().toMillis() > 0
        && !screen.getMediaPlayer().isMute());
    awaitTrue(() -> card.lookup("#playVideo-" + fileId).isVisible()
        && screen.getMediaPlayer().getCurrentTime().toMillis() >= 1500);

    // a refresh of the list (a read mark coming in) keeps the same card and its player
    var player = screen.getMediaPlayer();
    robot.interact(() -> ((javafx.scene.control.ListView<?>) find(w, "#messages")).refresh());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(find(w, "#video-" + fileId) == card && screen.getMediaPlayer() == player);

    // the sender's own card plays from the file it was sent from
    Node own = await(() -> find(v, "#video-" + fileId));
    MediaView ownScreen = (MediaView) own.lookup(".media-view");
    awaitTrue(() -> ownScreen.getMediaPlayer() != null && ownScreen.getMediaPlayer().getMedia().getSource()
        .equals(clip.toUri().toString()));
  }

  /** Pixels of strong colour in the view: the test picture's bars, not black. */
  private static int colours(Node node) throws Exception {
    WritableImage shot = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(5, TimeUnit.SECONDS);
    int count = 0;
    for (int y = 0; y < shot.getHeight(); y += 2) {
      for (int x = 0; x < shot.getWidth(); x += 2) {
        Color c = shot.getPixelReader().getColor(x, y);
        double max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
        double min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
        if (max - min > 0.4) {
          count++;
        }
      }
    }
    return count;
  }
}
