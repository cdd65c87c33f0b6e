package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.groupWindow;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** A group call started as voice: three real WebRTC peers, tiles with initials, no camera, no video. */
@ExtendWith(ApplicationExtension.class)
class GroupVoiceCallTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(150)
  void threeMembersTalkInAGroupVoiceCallWithTheirInitialsShowing(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String sue = TestServer.uniqueName("sue");
    String tom = TestServer.uniqueName("tom");
    String uma = TestServer.uniqueName("uma");
    ClientWindow s = open(homes.resolve("s"), 0);
    ClientWindow t = open(homes.resolve("t"), 640);
    ClientWindow u = open(homes.resolve("u"), 320);
    signUp(robot, s, server, sue, null);
    signUp(robot, t, server, tom, null);
    signUp(robot, u, server, uma, null);
    befriend(robot, s, sue, t, tom);
    befriend(robot, s, sue, u, uma);
    var group = s.client().gateway().createGroup("语音 " + sue,
        List.of(t.client().me().id(), u.client().me().id())).get(10, TimeUnit.SECONDS);
    click(robot, find(s, "#navChats"));
    robot.interact(() -> s.main().chats().open(group.conversationId()));
    awaitTrue(() -> s.main().chats().pane().titleText().startsWith("语音"));

    // the toolbar offers both kinds of group call; this one starts as voice
    Button voice = find(s, "#voiceCall");
    awaitTrue(voice::isVisible);
    assertEquals("Group voice call", voice.getTooltip().getText());
    click(robot, voice);
    Parent host = await(() -> groupWindow(s));
    for (ClientWindow member : List.of(t, u)) {
      Parent invited = await(() -> groupWindow(member));
      assertEquals("A group voice call is going on", ((Label) invited.lookup("#groupCallStatus")).getText());
      click(robot, invited.lookup("#joinGroupCall"));
    }
    long tomId = t.client().me().id();
    // connected with each other, voice only: every tile shows its initial, nobody has a camera to switch
    for (ClientWindow client : List.of(s, t, u)) {
      awaitTrue(() -> {
        var call = client.client().calls().groupProperty().get();
        return call != null && "audio".equals(call.media()) && call.participants().size() == 2
            && call.participants().stream().allMatch(id -> call.session(id) != null);
      });
    }
    awaitTrue(() -> "Connected".equals(((Label) host.lookup("#tileState-" + tomId)).getText()));
    assertFalse(host.lookup("#tile-" + tomId).lookup("ImageView").isVisible(), "no video in a voice call");
    assertFalse(host.lookup("#groupCamera").isVisible(), "no camera to turn off");
    Thread.sleep(1000);
    assertEquals(0, s.client().calls().groupProperty().get().session(tomId).receivedFrames(), "no video frames");

    // who is speaking: every microphone here is a steady tone, so all are heard until they mute
    long sueId = s.client().me().id();
    long umaId = u.client().me().id();
    Parent tomsWindow = groupWindow(t);
    awaitTrue(() -> speaking(host, "#tile-" + tomId) && speaking(host, "#tile-" + umaId)
        && speaking(host, "#tile-self"));
    click(robot, tomsWindow.lookup("#groupMute"));
    click(robot, groupWindow(u).lookup("#groupMute"));
    awaitTrue(() -> !speaking(host, "#tile-" + tomId) && !speaking(host, "#tile-" + umaId)
        && speaking(host, "#tile-self"));
    awaitTrue(() -> speaking(tomsWindow, "#tile-" + sueId) && !speaking(tomsWindow, "#tile-" + umaId)
        && !speaking(tomsWindow, "#tile-self"));
    // Sue mutes, Tom speaks again: the marks follow
    click(robot, host.lookup("#groupMute"));
    click(robot, tomsWindow.lookup("#groupMute"));
    awaitTrue(() -> speaking(host, "#tile-" + tomId) && !speaking(host, "#tile-self")
        && !speaking(host, "#tile-" + umaId));
    awaitTrue(() -> !speaking(tomsWindow, "#tile-" + sueId) && speaking(tomsWindow, "#tile-self"));
    assertEquals(3, ((javafx.scene.layout.Pane) host.lookup("#groupGrid")).getChildren().size(),
        "the own tile and the two others");

    for (ClientWindow client : List.of(u, t, s)) {
      click(robot, groupWindow(client).lookup("#leaveGroupCall"));
    }
    awaitTrue(() -> groupWindow(s) == null && groupWindow(t) == null && groupWindow(u) == null);
    awaitTrue(() -> {
      var last = s.client().conversations().find(group.conversationId()).lastMessage();
      return last != null && "call".equals(last.kind()) && "audio".equals(last.call().media());
    });
  }

  private static boolean speaking(Parent window, String tile) {
    javafx.scene.Node node = window.lookup(tile);
    return node != null && node.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("speaking"));
  }
}
