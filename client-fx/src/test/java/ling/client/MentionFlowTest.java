package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.press;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import ling.client.api.Models.Message;
import ling.client.chat.Mentions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * "@" in a group: a picker of its members, the mention sent with the message, and the member it
 * names told even in a conversation they muted; "@All" only for the group's owner and admins.
 */
@ExtendWith(ApplicationExtension.class)
class MentionFlowTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(150)
  void aMemberPickedAfterAnAtIsMentionedAndHearsOfItThoughTheGroupIsMuted(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String ann = TestServer.uniqueName("ann");
    String ben = TestServer.uniqueName("ben");
    String cal = TestServer.uniqueName("cal");
    ClientWindow a = open(homes.resolve("a"), 0);
    ClientWindow b = open(homes.resolve("b"), 640);
    ClientWindow c = open(homes.resolve("c"), 320);
    signUp(robot, a, server, ann, null);
    signUp(robot, b, server, ben, null);
    signUp(robot, c, server, cal, null);
    befriend(robot, a, ann, b, ben);
    befriend(robot, a, ann, c, cal);
    long benId = b.client().me().id();
    long calId = c.client().me().id();
    var group = a.client().gateway().createGroup("登山 " + ann, List.of(benId, calId)).get(10, TimeUnit.SECONDS);
    long conversation = group.conversationId();

    // Ben mutes the group and looks away
    await(() -> b.client().conversations().find(conversation));
    robot.interact(() -> b.main().chats().change(b.client().conversations().find(conversation), "muted", true));
    awaitTrue(() -> b.client().conversations().find(conversation).muted());
    robot.interact(() -> b.stage().setIconified(true));

    // Ann types "@" and the first letters of Ben's name: the picker offers him, not herself
    click(robot, find(a, "#navChats"));
    robot.interact(() -> a.main().chats().open(conversation));
    ling.client.emoji.EmojiField input = await(() -> find(a, "#input"));
    ListView<Mentions.Candidate> picker = find(a, "#mentionSuggestions");
    awaitTrue(() -> a.client().groupMembers().of(group.id()).size() == 3);
    robot.interact(() -> {
      input.setText("hi @");
      input.end();
    });
    awaitTrue(picker::isVisible);
    // the owner may mention everyone: offered first
    assertEquals(0L, picker.getItems().get(0).userId());
    assertEquals(java.util.Set.of(benId, calId), picker.getItems().stream().skip(1).map(Mentions.Candidate::userId)
        .collect(java.util.stream.Collectors.toSet()));
    robot.interact(() -> input.appendText(ben.substring(0, 3)));
    awaitTrue(() -> picker.getItems().size() == 1 && picker.getItems().get(0).userId() == benId);
    press(robot, input, KeyCode.ENTER, false);
    assertEquals("hi @" + ben + " ", input.getText(), "Enter takes the name, it does not send");
    assertFalse(picker.isVisible());
    robot.interact(() -> input.appendText("the map is ready"));
    click(robot, find(a, "#send"));

    // it reaches Ben with his id; his muted group's row says he was mentioned, and he is told
    awaitTrue(() -> {
      Message last = b.client().conversations().find(conversation).lastMessage();
      return last != null && ("hi @" + ben + " the map is ready").equals(last.text());
    });
    Message sent = b.client().conversations().find(conversation).lastMessage();
    assertEquals(List.of(benId), sent.mentions());
    assertTrue(sent.mentions(benId));
    assertFalse(sent.mentions(calId));
    assertEquals(1, b.client().conversations().find(conversation).unreadMentions());
    javafx.scene.layout.VBox note = (javafx.scene.layout.VBox) await(() -> robot.lookup("#notification").tryQuery()
        .filter(javafx.scene.Node::isVisible).orElse(null));
    assertTrue(note.getChildren().stream().anyMatch(n -> n instanceof Label l && l.getText().startsWith("[@me]")
        && l.getText().contains("the map is ready")), "a mention gets through the mute");
    robot.interact(() -> note.getScene().getWindow().hide());
    robot.interact(() -> b.stage().setIconified(false));
    click(robot, find(b, "#navChats"));
    Label tag = await(() -> find(b, "#mentioned-" + conversation));
    assertEquals("[@me]", tag.getText());
    // Cal was not mentioned: no tag for him
    awaitTrue(() -> c.client().conversations().find(conversation).lastMessage() != null
        && c.client().conversations().find(conversation).lastMessage().id() == sent.id());
    click(robot, find(c, "#navChats"));
    await(() -> find(c, "#conversation-" + conversation));
    assertEquals(null, find(c, "#mentioned-" + conversation));

    // Ben opens it: the message is marked for him, his name in it stands out, and the tag goes
    robot.interact(() -> b.main().chats().open(conversation));
    javafx.scene.layout.VBox bubble = await(() -> find(b, "#bubble-" + sent.id()));
    assertTrue(bubble.getStyleClass().contains("mentioned"));
    assertTrue(bubble.lookupAll(".mention-text").stream()
        .anyMatch(n -> n instanceof Text t && t.getText().equals("@" + ben)));
    awaitTrue(() -> b.client().conversations().find(conversation).unreadMentions() == 0);
    awaitTrue(() -> find(b, "#mentioned-" + conversation) == null);

    // Ben is a plain member: no "All" for him; a name he deletes mentions no one
    ling.client.emoji.EmojiField benInput = find(b, "#input");
    ListView<Mentions.Candidate> benPicker = find(b, "#mentionSuggestions");
    robot.interact(() -> {
      benInput.setText("@");
      benInput.end();
    });
    awaitTrue(benPicker::isVisible);
    assertTrue(benPicker.getItems().stream().noneMatch(Mentions.Candidate::everyone));
    assertTrue(benPicker.getItems().stream().noneMatch(x -> x.userId() == benId), "not himself");
    press(robot, benInput, KeyCode.ESCAPE, false);
    assertFalse(benPicker.isVisible());
    robot.interact(() -> benInput.setText("@All thanks, mail me at ben@example.com"));
    click(robot, find(b, "#send"));
    awaitTrue(() -> {
      Message last = a.client().conversations().find(conversation).lastMessage();
      return last != null && last.text().startsWith("@All thanks");
    });
    Message plain = a.client().conversations().find(conversation).lastMessage();
    assertEquals(null, plain.mentions());
    assertEquals(null, plain.mentionAll());

    // Ann, the owner, mentions everyone: Cal's row is tagged
    robot.interact(() -> {
      input.setText("@");
      input.end();
    });
    awaitTrue(picker::isVisible);
    press(robot, input, KeyCode.ENTER, false);
    assertEquals("@All ", input.getText());
    robot.interact(() -> input.appendText("we leave at seven"));
    click(robot, find(a, "#send"));
    awaitTrue(() -> c.client().conversations().find(conversation).unreadMentions() == 1);
    assertEquals(Boolean.TRUE, c.client().conversations().find(conversation).lastMessage().mentionAll());
  }
}
