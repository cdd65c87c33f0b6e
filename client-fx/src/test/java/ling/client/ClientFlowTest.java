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
import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.callWindow;
import static ling.client.ClientDriver.groupWindow;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.fill;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.linesOf;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.press;
import static ling.client.ClientDriver.signUp;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two desktop clients against the real server, driven through their windows: sign up, become
 * friends, chat both ways with emoji, recall, survive a cut connection, and sign in again by
 * themselves after a restart.
 */
@ExtendWith(ApplicationExtension.class)
class ClientFlowTest {

  @TempDir
  Path homes;

  @org.junit.jupiter.api.AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(120)
  void twoClientsBecomeFriendsAndChat(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String alice = TestServer.uniqueName("alice");
    String bob = TestServer.uniqueName("bob");
    // side by side: the robot clicks where a window is on the screen
    ClientWindow a = open(homes.resolve("a"), 0);
    ClientWindow b = open(homes.resolve("b"), 640);

    signUp(robot, a, server, alice, "Alice 爱丽丝");
    signUp(robot, b, server, bob, null);

    befriend(robot, a, alice, b, bob);

    // Alice writes with the keyboard: Enter sends
    click(robot, find(a, "#chat-" + bob));
    ling.client.emoji.EmojiField input = await(() -> find(a, "#input"));
    String hello = "Hello 👋 你好";
    fill(robot, input, hello);
    // Shift+Enter is a new line, Enter sends
    press(robot, input, KeyCode.ENTER, true);
    assertEquals(hello + "\n", input.getText());
    fill(robot, input, hello);
    press(robot, input, KeyCode.ENTER, false);
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> hello.equals(l.message().text()) && !l.pending()));
    assertEquals("", input.getText());

    // Bob sees the conversation come up with one unread, opens it, and the emoji are images
    click(robot, find(b, "#navChats"));
    Node unread = await(() -> find(b, "#unread-" + a.client().conversations().items().get(0).id()));
    assertEquals("1", ((Label) unread).getText());
    long conversationId = a.client().conversations().items().get(0).id();
    await(() -> find(b, "#conversation-" + conversationId));
    robot.interact(() -> {
      ListView<ling.client.api.Models.Conversation> list = find(b, "#conversations");
      list.getSelectionModel().select(b.client().conversations().find(conversationId));
    });
    long helloId = linesOf(a).stream().filter(l -> hello.equals(l.message().text())).findFirst().orElseThrow()
        .message().id();
    Pane bubble = await(() -> find(b, "#bubble-" + helloId));
    TextFlow flow = (TextFlow) bubble.getChildren().get(0);
    assertEquals(hello, EmojiText.textOf(flow));
    assertTrue(flow.getChildren().stream().anyMatch(n -> n instanceof ImageView), "the emoji is drawn in colour");

    // Bob's reading shows on Alice's message, his typing under her chat; his answer arrives live
    awaitTrue(() -> a.main().chats().pane().chat().peerReadProperty().get() >= 1);
    fill(robot, find(b, "#input"), "Hi Alice");
    awaitTrue(() -> ((Label) find(a, "#typingIndicator")).getText().contains("is typing"));
    fill(robot, find(b, "#input"), "Hi Alice 😀");
    click(robot, find(b, "#send"));
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> "Hi Alice 😀".equals(l.message().text())));
    awaitTrue(() -> ((Label) find(a, "#typingIndicator")).getText().isEmpty());

    // Alice quotes Bob's message in her answer
    ling.client.api.Models.Message bobs = linesOf(a).stream().map(ChatLine::message)
        .filter(m -> "Hi Alice 😀".equals(m.text())).findFirst().orElseThrow();
    robot.interact(() -> a.main().chats().pane().replyTo(bobs));
    fill(robot, find(a, "#input"), "quoting you");
    click(robot, find(a, "#send"));
    awaitTrue(() -> linesOf(b).stream().anyMatch(l -> "quoting you".equals(l.message().text())
        && Long.valueOf(bobs.id()).equals(l.message().replyToId())));

    // and finds it again by a word
    fill(robot, find(a, "#searchMessages"), "Alice");
    robot.interact(() -> ((javafx.scene.Node) find(a, "#searchMessages")).fireEvent(
        new javafx.event.ActionEvent()));
    ListView<?> found = (ListView<?>) await(() -> robot.lookup("#searchResults").tryQuery().orElse(null));
    awaitTrue(() -> found.getItems().stream().anyMatch(item -> item.toString().contains("Hi Alice")));

    // Alice recalls her message from its menu; Bob's line says so
    robot.interact(() -> {
      javafx.scene.Parent up = find(a, "#bubble-" + helloId);
      while (!(up instanceof javafx.scene.control.ListCell)) {
        up = up.getParent();
      }
      javafx.scene.control.ListCell<?> cell = (javafx.scene.control.ListCell<?>) up;
      cell.getContextMenu().getItems().stream().filter(item -> "Recall".equals(item.getText())).findFirst()
          .orElseThrow().fire();
    });
    awaitTrue(() -> linesOf(b).stream().anyMatch(l -> l.message().id() == helloId && l.message().recalled()));

    // Alice makes a group with Bob; both chat in it, and Bob sees who is who
    click(robot, find(a, "#navContacts"));
    click(robot, find(a, "#newGroup"));
    javafx.scene.Node groupName = await(() -> robot.lookup("#newGroupName").tryQuery().orElse(null));
    fill(robot, groupName, "周末登山 ⛰️");
    robot.interact(() -> ((javafx.scene.control.CheckBox) robot.lookup("#pick-" + bob).query()).setSelected(true));
    click(robot, robot.lookup("#createGroup").query());
    awaitTrue(() -> "周末登山 ⛰️".equals(a.main().chats().pane().titleText()));
    fill(robot, find(a, "#input"), "大家好 🎉");
    click(robot, find(a, "#send"));
    long groupConversation = a.client().conversations().openProperty().get();
    await(() -> find(b, "#conversation-" + groupConversation));
    robot.interact(() -> {
      ListView<ling.client.api.Models.Conversation> list = find(b, "#conversations");
      list.getSelectionModel().select(b.client().conversations().find(groupConversation));
    });
    awaitTrue(() -> linesOf(b).stream().anyMatch(l -> "大家好 🎉".equals(l.message().text())));
    click(robot, find(b, "#groupInfoButton"));
    ListView<ling.client.api.Models.GroupMember> members = await(() -> find(b, "#groupMembers"));
    awaitTrue(() -> members.getItems().size() == 2);
    assertEquals("owner", members.getItems().stream().filter(m -> m.user().username().equals(alice)).findFirst()
        .orElseThrow().role());
    assertFalse(((Button) find(b, "#dissolveGroup")).isVisible(), "only the owner dissolves");
    // the owner gives the group a picture; the member's list shows it
    click(robot, find(a, "#groupInfoButton"));
    Path picture = homes.resolve("group.png");
    javax.imageio.ImageIO.write(Pictures.mountain(200, 200), "png", picture.toFile());
    robot.interact(() -> a.main().chats().pane().groupInfo().setAvatar(picture));
    awaitTrue(() -> b.client().conversations().find(groupConversation).group().avatarUrl() != null);
    fill(robot, find(b, "#input"), "收到 👍");
    click(robot, find(b, "#send"));
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> "收到 👍".equals(l.message().text())));
    for (ClientWindow window : java.util.List.of(a, b)) {
      robot.interact(() -> {
        ListView<ling.client.api.Models.Conversation> list = find(window, "#conversations");
        list.getSelectionModel().select(window.client().conversations().items().stream()
            .filter(conv -> !conv.isGroup()).findFirst().orElseThrow());
      });
    }

    // a cut connection comes back by itself and catches up what was sent meanwhile
    a.client().socket().cut();
    robot.interact(() -> { });
    fill(robot, find(b, "#input"), "while you were away");
    click(robot, find(b, "#send"));
    awaitTrue(() -> a.client().stateProperty().get() == LiveSocket.State.ONLINE
        && linesOf(a).stream().anyMatch(l -> "while you were away".equals(l.message().text())));
    assertEquals("main.state.ONLINE", "main.state." + a.client().stateProperty().get().name());

    // "remember me" kept the refresh token for its owner only, never the password
    Path session = homes.resolve("a").resolve("session.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session)));
    assertFalse(Files.readString(session).contains("secret-password"));

    // Alice's client closes and starts again: signed in without a password
    robot.interact(() -> {
      a.stage().getOnCloseRequest().handle(null);
      a.stage().close();
    });
    ClientWindow again = open(homes.resolve("a"), 0);
    await(() -> find(again, "#mainView"));
    assertEquals(alice, again.client().me().username());
    awaitTrue(() -> again.client().stateProperty().get() == LiveSocket.State.ONLINE);
  }

  @Test
  @Timeout(120)
  void anImageAndAFileGoUpAndComeDownByteIdentical(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String carol = TestServer.uniqueName("carol");
    String dave = TestServer.uniqueName("dave");
    ClientWindow c = open(homes.resolve("c"), 0);
    ClientWindow d = open(homes.resolve("d"), 640);
    signUp(robot, c, server, carol, null);
    signUp(robot, d, server, dave, null);
    befriend(robot, c, carol, d, dave);
    click(robot, find(c, "#chat-" + dave));
    await(() -> find(c, "#input"));

    java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(640, 480,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = picture.createGraphics();
    g.setColor(java.awt.Color.ORANGE);
    g.fillOval(100, 100, 300, 200);
    g.dispose();
    Path png = homes.resolve("sunset.png");
    javax.imageio.ImageIO.write(picture, "png", png.toFile());
    byte[] report = new byte[3 * 1024 * 1024 + 5];
    new java.util.Random(7).nextBytes(report);
    Path bin = homes.resolve("季度报告 Q3.bin");
    Files.write(bin, report);
    // Dave's window is minimized: a notification tells him; muted, the conversation stays quiet
    robot.interact(() -> d.stage().setIconified(true));
    fill(robot, find(c, "#input"), "are you there? 👀");
    click(robot, find(c, "#send"));
    javafx.scene.layout.VBox note = (javafx.scene.layout.VBox) await(() -> robot.lookup("#notification").tryQuery()
        .filter(javafx.scene.Node::isVisible).orElse(null));
    assertTrue(note.getChildren().stream().anyMatch(n -> n instanceof Label l && l.getText().contains("are you there")));
    long direct = c.client().conversations().openProperty().get();
    await(() -> d.client().conversations().find(direct));
    robot.interact(() -> {
      note.getScene().getWindow().hide();
      d.main().chats().change(d.client().conversations().find(direct), "muted", true);
    });
    awaitTrue(() -> d.client().conversations().find(direct).muted());
    fill(robot, find(c, "#input"), "still there?");
    click(robot, find(c, "#send"));
    awaitTrue(() -> d.client().conversations().find(direct).lastMessage() != null
        && "still there?".equals(d.client().conversations().find(direct).lastMessage().text()));
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(robot.lookup("#notification").tryQuery().map(javafx.scene.Node::isVisible).orElse(false),
        "a muted conversation is quiet");
    robot.interact(() -> d.stage().setIconified(false));

    // an upload cancelled at once sends nothing
    int linesBefore = linesOf(c).size();
    Path big = homes.resolve("big.bin");
    Files.write(big, new byte[20 * 1024 * 1024]);
    robot.interact(() -> {
      c.main().chats().pane().sendFiles(java.util.List.of(big));
      ((javafx.scene.control.Button) find(c, "#cancelUpload")).fire();
    });
    awaitTrue(() -> !find(c, "#uploadProgress").getParent().isVisible());
    assertEquals(linesBefore, linesOf(c).size());

    // as a drop or the file chooser hands them over
    robot.interact(() -> c.main().chats().pane().sendFiles(java.util.List.of(png, bin)));
    awaitTrue(() -> linesOf(c).stream().filter(l -> !l.pending() && l.message().file() != null).count() == 2);
    ling.client.api.Models.Message image = linesOf(c).stream().filter(l -> "image".equals(l.message().kind()))
        .findFirst().orElseThrow().message();
    ling.client.api.Models.Message file = linesOf(c).stream().filter(l -> "file".equals(l.message().kind()))
        .findFirst().orElseThrow().message();
    assertEquals(640, image.file().width());
    assertEquals("季度报告 Q3.bin", file.file().name());

    // Dave sees the thumbnail drawn and saves both where he chooses
    click(robot, find(d, "#navChats"));
    long conversationId = image.conversationId();
    await(() -> find(d, "#conversation-" + conversationId));
    robot.interact(() -> {
      ListView<ling.client.api.Models.Conversation> list = find(d, "#conversations");
      list.getSelectionModel().select(d.client().conversations().find(conversationId));
    });
    javafx.scene.image.ImageView thumbnail = await(() -> find(d, "#image-" + image.file().fileId()));
    // the server's 320-pixel thumbnail, held at the 240 pixels it is shown at
    awaitTrue(() -> thumbnail.getImage() != null && thumbnail.getImage().getWidth() == 240);
    Path saved = homes.resolve("saved.bin");
    robot.interact(() -> d.client().attachments().setSaveLocation(f -> saved));
    click(robot, await(() -> find(d, "#download-" + file.file().fileId())));
    awaitTrue(() -> ((javafx.scene.control.ProgressBar) find(d, "#downloadProgress-" + file.file().fileId()))
        .getProgress() == 1);
    assertTrue(java.util.Arrays.equals(report, Files.readAllBytes(saved)));
    Path savedImage = homes.resolve("saved.png");
    robot.interact(() -> d.client().attachments().setSaveLocation(f -> savedImage));
    robot.interact(() -> d.client().attachments().download(image.file()));
    awaitTrue(() -> d.client().attachments().progress(image.file().fileId()).get() == 1);
    assertTrue(java.util.Arrays.equals(Files.readAllBytes(png), Files.readAllBytes(savedImage)));
  }

  @Test
  @Timeout(90)
  void aNewDeviceSignsInByItsCodeAndTheProfileCanBeEdited(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String erin = TestServer.uniqueName("erin");
    ClientWindow phone = open(homes.resolve("phone"), 0);
    signUp(robot, phone, server, erin, null);

    ClientWindow desk = open(homes.resolve("desk"), 640);
    fill(robot, find(desk, "#server"), server.address());
    click(robot, find(desk, "#deviceLink"));
    Label shown = await(() -> {
      Label label = find(desk, "#linkCode");
      return label != null && !label.getText().isEmpty() ? label : null;
    });
    assertNotNull(((javafx.scene.image.ImageView) find(desk, "#linkQr")).getImage(), "the QR code is shown");
    String text = shown.getText();
    String code = text.substring(text.lastIndexOf(' ') + 1).replace("：", "").strip();

    click(robot, find(phone, "#navApprove"));
    TextInputControl entry = (TextInputControl) await(() -> robot.lookup("#approveCode").tryQuery().orElse(null));
    fill(robot, entry, code);
    robot.interact(() -> ((javafx.scene.control.Button) ((javafx.scene.control.DialogPane) entry.getScene().getRoot())
        .lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    await(() -> find(desk, "#mainView"));
    assertEquals(erin, desk.client().me().username());

    // the profile, edited from one's own avatar
    robot.interact(() -> phone.main().editProfile());
    javafx.scene.Node name = await(() -> robot.lookup("#profileDisplayName").tryQuery().orElse(null));
    fill(robot, name, "Erin 艾琳 ✨");
    fill(robot, robot.lookup("#profileSignature").query(), "今天也要加油");
    click(robot, robot.lookup("#saveProfile").query());
    awaitTrue(() -> "Erin 艾琳 ✨".equals(phone.client().me().displayName()));
    var stored = desk.client().gateway().me().get(10, TimeUnit.SECONDS);
    assertEquals("Erin 艾琳 ✨", stored.displayName());
    assertEquals("今天也要加油", stored.signature());
  }

  @Test
  @Timeout(90)
  void friendsKeepRemarksAndFoldersAndGroupsAreFoundAndJoined(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String gina = TestServer.uniqueName("gina");
    String hugo = TestServer.uniqueName("hugo");
    ClientWindow g = open(homes.resolve("g"), 0);
    ClientWindow h = open(homes.resolve("h"), 640);
    signUp(robot, g, server, gina, null);
    signUp(robot, h, server, hugo, null);
    befriend(robot, g, gina, h, hugo);

    // a folder of her own, the friend moved into it under a remark
    click(robot, find(g, "#newFolder"));
    javafx.scene.Node folderName = await(() -> robot.lookup("#folderName").tryQuery().orElse(null));
    fill(robot, folderName, "同学 🎓");
    robot.interact(() -> ((javafx.scene.control.Button) ((javafx.scene.control.DialogPane) folderName.getScene().getRoot())
        .lookupButton(javafx.scene.control.ButtonType.OK)).fire());
    awaitTrue(() -> g.client().contacts().folders().stream().anyMatch(f -> f.name().equals("同学 🎓")));
    robot.interact(() -> {
      javafx.scene.control.TreeView<Object> tree = find(g, "#friends");
      for (var folder : tree.getRoot().getChildren()) {
        folder.getChildren().stream().filter(item -> item.getValue() instanceof ling.client.api.Models.Friend f
            && f.user().username().equals(hugo)).findFirst().ifPresent(tree.getSelectionModel()::select);
      }
    });
    javafx.scene.Node remark = await(() -> find(g, "#friendRemark"));
    fill(robot, remark, "老同学 Hugo");
    click(robot, find(g, "#saveRemark"));
    awaitTrue(() -> "老同学 Hugo".equals(g.client().contacts().friend(h.client().me().id()).remark()));
    robot.interact(() -> {
      javafx.scene.control.ChoiceBox<ling.client.api.Models.FriendFolder> folder = find(g, "#friendFolder");
      folder.setValue(g.client().contacts().folders().stream().filter(f -> f.name().equals("同学 🎓")).findFirst()
          .orElseThrow());
    });
    awaitTrue(() -> g.client().contacts().folders().stream().filter(f -> f.name().equals("同学 🎓"))
        .findFirst().orElseThrow().id() == g.client().contacts().friend(h.client().me().id()).groupId());

    // Hugo's group is found by its name; Gina asks to join
    String groupName = "读书会 " + hugo;
    var group = h.client().gateway().createGroup(groupName, java.util.List.of()).get(10, TimeUnit.SECONDS);
    fill(robot, find(g, "#userSearch"), hugo);
    click(robot, find(g, "#findUsers"));
    await(() -> find(g, "#join-" + group.id()));
    WaitForAsyncUtils.waitForFxEvents();
    click(robot, find(g, "#join-" + group.id()));
    awaitTrue(() -> ((javafx.scene.control.Button) find(g, "#join-" + group.id())).isDisabled());
  }

  @Test
  @Timeout(90)
  void aCutNetworkIsSurvivedAndAForgottenPasswordIsResetByTheEmailedCode(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String ivy = TestServer.uniqueName("ivy");
    String email = ivy + "@example.com";
    try (TcpCut network = new TcpCut(server.deployment.port())) {
      ClientWindow window = open(homes.resolve("ivy"), 0);
      fill(robot, find(window, "#server"), network.address());
      click(robot, find(window, "#toggleMode"));
      fill(robot, find(window, "#username"), ivy);
      fill(robot, find(window, "#password"), "first-password");
      fill(robot, find(window, "#email"), email);
      click(robot, find(window, "#submit"));
      await(() -> find(window, "#mainView"));
      awaitTrue(() -> window.client().stateProperty().get() == LiveSocket.State.ONLINE);

      // the network drops every connection: the client says so and comes back by itself
      java.util.List<LiveSocket.State> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      robot.interact(() -> window.client().stateProperty().addListener((obs, was, now) -> seen.add(now)));
      network.cutAll();
      awaitTrue(() -> seen.contains(LiveSocket.State.OFFLINE)
          && window.client().stateProperty().get() == LiveSocket.State.ONLINE);
      Label state = find(window, "#connectionState");
      assertEquals("Connected", state.getText());

      // signed out, the password forgotten: the code comes by email
      click(robot, find(window, "#signOut"));
      await(() -> find(window, "#loginView"));
      click(robot, find(window, "#forgot"));
      assertEquals(ivy, ((TextInputControl) find(window, "#resetUsername")).getText());
      int before = server.mail.getReceivedMessages().length;
      click(robot, find(window, "#resetRequest"));
      awaitTrue(() -> java.util.Arrays.stream(server.mail.getReceivedMessages()).skip(before).anyMatch(m -> {
        try {
          return m.getAllRecipients()[0].toString().equals(email);
        } catch (jakarta.mail.MessagingException e) {
          return false;
        }
      }));
      jakarta.mail.internet.MimeMessage mail = java.util.Arrays.stream(server.mail.getReceivedMessages()).skip(before)
          .filter(m -> {
            try {
              return m.getAllRecipients()[0].toString().equals(email);
            } catch (jakarta.mail.MessagingException e) {
              return false;
            }
          }).findFirst().orElseThrow();
      java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b(\\d{6})\\b")
          .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail));
      assertTrue(code.find(), "the email holds a six-digit code");
      fill(robot, find(window, "#resetCode"), code.group(1));
      fill(robot, find(window, "#newPassword"), "second-password");
      click(robot, find(window, "#resetConfirm"));
      Label message = find(window, "#loginMessage");
      awaitTrue(() -> message.getText().contains("Password changed"));
      fill(robot, find(window, "#password"), "first-password");
      click(robot, find(window, "#submit"));
      awaitTrue(() -> message.getText().contains("Wrong username or password"));
      fill(robot, find(window, "#password"), "second-password");
      click(robot, find(window, "#submit"));
      await(() -> find(window, "#mainView"));
    }
  }

  @Test
  @Timeout(90)
  void aCallRingsIsAnsweredHungUpAndLeavesItsMessageAndADeclineIsShown(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String kim = TestServer.uniqueName("kim");
    String lee = TestServer.uniqueName("lee");
    ClientWindow k = open(homes.resolve("k"), 0);
    ClientWindow l = open(homes.resolve("l"), 640);
    signUp(robot, k, server, kim, null);
    signUp(robot, l, server, lee, null);
    befriend(robot, k, kim, l, lee);
    click(robot, find(k, "#chat-" + lee));
    await(() -> find(k, "#input"));
    awaitTrue(() -> k.client().contacts().friend(l.client().me().id()).user().online());

    // the devices for calls are chosen in the settings (here the headless audio module's) and kept
    click(robot, find(k, "#navSettings"));
    javafx.scene.control.ChoiceBox<String> microphones = await(() -> find(k, "#microphoneDevice"));
    awaitTrue(() -> microphones.getItems().contains("Virtual Microphone (ADM)"));
    assertEquals("", microphones.getValue(), "the default until one is chosen");
    robot.interact(() -> microphones.setValue("Virtual Microphone (ADM)"));
    assertTrue(Files.readString(homes.resolve("k").resolve("settings.json")).contains("Virtual Microphone (ADM)"));
    assertTrue(((javafx.scene.control.ChoiceBox<?>) find(k, "#speakerDevice")).getItems().contains("Virtual Speaker (ADM)"));
    assertEquals("Virtual Microphone (ADM)", Settings.load(new Profile(homes.resolve("k")))
        .mediaChoice().microphone());
    click(robot, find(k, "#navChats"));

    click(robot, find(k, "#videoCall"));
    javafx.scene.Parent caller = await(() -> callWindow(k));
    assertEquals("Calling…", ((Label) caller.lookup("#callStatus")).getText());
    javafx.scene.Parent callee = await(() -> callWindow(l));
    awaitTrue(() -> ((Label) callee.lookup("#callStatus")).getText().equals("Incoming video call"));
    click(robot, callee.lookup("#acceptCall"));
    awaitTrue(() -> ((Label) caller.lookup("#callStatus")).getText().startsWith("00:")
        && ((Label) callee.lookup("#callStatus")).getText().startsWith("00:"));
    // the test pattern goes both ways as a moving picture, not a trickle, and audio flows; the rate
    // itself (about 30 per second when the machine is quiet) is no business of a test
    var kimMedia = k.client().calls().currentProperty().get().sessionProperty().get();
    var leeMedia = l.client().calls().currentProperty().get().sessionProperty().get();
    ClientDriver.awaitTrue(() -> kimMedia.receivedFrames() > 10 && leeMedia.receivedFrames() > 10);
    long kimBefore = kimMedia.receivedFrames();
    long leeBefore = leeMedia.receivedFrames();
    Thread.sleep(2000);
    double kimFps = (kimMedia.receivedFrames() - kimBefore) / 2.0;
    double leeFps = (leeMedia.receivedFrames() - leeBefore) / 2.0;
    System.out.println("call video fps " + kimFps + " / " + leeFps);
    assertTrue(kimFps >= 10 && leeFps >= 10, "frames per second: " + kimFps + " and " + leeFps);
    assertTrue(kimMedia.audioPacketsReceived().get(5, TimeUnit.SECONDS) > 0, "audio reaches the caller");
    assertTrue(leeMedia.audioPacketsReceived().get(5, TimeUnit.SECONDS) > 0, "audio reaches the callee");
    awaitTrue(() -> ((javafx.scene.image.ImageView) callee.lookup("#remoteVideoImage")).getImage() != null);
    assertEquals("Connected", ((Label) caller.lookup("#mediaState")).getText());

    click(robot, caller.lookup("#hangUp"));
    awaitTrue(() -> "Call ended".equals(((Label) callee.lookup("#callStatus")).getText()));
    long conversation = k.client().conversations().openProperty().get();
    awaitTrue(() -> {
      var last = l.client().conversations().find(conversation).lastMessage();
      return last != null && "call".equals(last.kind()) && "completed".equals(last.call().outcome());
    });
    awaitTrue(() -> callWindow(k) == null && callWindow(l) == null);

    // the callee hangs up this time
    click(robot, find(k, "#voiceCall"));
    javafx.scene.Parent voice = await(() -> callWindow(k));
    javafx.scene.Parent answered = await(() -> callWindow(l));
    click(robot, answered.lookup("#acceptCall"));
    awaitTrue(() -> ((Label) voice.lookup("#callStatus")).getText().startsWith("00:"));
    var kimVoice = k.client().calls().currentProperty().get().sessionProperty().get();
    var leeVoice = l.client().calls().currentProperty().get().sessionProperty().get();
    awaitTrue(() -> "Connected".equals(((Label) answered.lookup("#mediaState")).getText()));
    assertEquals("Switch to video", ((Button) voice.lookup("#switchMedia")).getText());
    assertFalse(voice.lookup("#toggleCamera").isVisible());
    assertFalse(voice.lookup("#remoteVideoImage").isVisible());
    // the caller switches to video: its camera reaches the callee, whose own stays off until turned on
    click(robot, voice.lookup("#switchMedia"));
    awaitTrue(() -> leeVoice.receivedFrames() > 10 && answered.lookup("#remoteVideoImage").isVisible()
        && "Switch to voice".equals(((Button) answered.lookup("#switchMedia")).getText())
        && answered.lookup("#toggleCamera").isVisible());
    assertTrue(((javafx.scene.control.ToggleButton) answered.lookup("#toggleCamera")).isSelected(), "callee camera off");
    assertEquals(0, kimVoice.receivedFrames());
    assertFalse(voice.lookup("#remoteVideoImage").isVisible());
    // the callee turns its camera on: video both ways
    click(robot, answered.lookup("#toggleCamera"));
    awaitTrue(() -> kimVoice.receivedFrames() > 10 && voice.lookup("#remoteVideoImage").isVisible());
    // the callee switches back to voice: both cameras go off, and the frames stop
    click(robot, answered.lookup("#switchMedia"));
    awaitTrue(() -> "Switch to video".equals(((Button) voice.lookup("#switchMedia")).getText())
        && !voice.lookup("#remoteVideoImage").isVisible() && !answered.lookup("#remoteVideoImage").isVisible()
        && ((javafx.scene.control.ToggleButton) voice.lookup("#toggleCamera")).isSelected());
    Thread.sleep(500);
    long kimFrames = kimVoice.receivedFrames();
    long leeFrames = leeVoice.receivedFrames();
    Thread.sleep(1000);
    assertTrue(kimVoice.receivedFrames() - kimFrames <= 2 && leeVoice.receivedFrames() - leeFrames <= 2,
        "frames after the switch to voice: " + (kimVoice.receivedFrames() - kimFrames) + ", "
        + (leeVoice.receivedFrames() - leeFrames));
    assertTrue(kimVoice.audioPacketsReceived().get(5, TimeUnit.SECONDS) > 0, "the voice goes on");
    click(robot, answered.lookup("#hangUp"));
    awaitTrue(() -> "Call ended".equals(((Label) voice.lookup("#callStatus")).getText()));
    awaitTrue(() -> callWindow(k) == null && callWindow(l) == null);

    // a declined call says so on the caller's side
    click(robot, find(k, "#voiceCall"));
    javafx.scene.Parent second = await(() -> callWindow(k));
    javafx.scene.Parent ringing = await(() -> callWindow(l));
    click(robot, ringing.lookup("#rejectCall"));
    awaitTrue(() -> "Declined".equals(((Label) second.lookup("#callStatus")).getText()));
    awaitTrue(() -> {
      var last = k.client().conversations().find(conversation).lastMessage();
      return last != null && "call".equals(last.kind()) && "rejected".equals(last.call().outcome());
    });
  }

  @Test
  @Timeout(90)
  void aThirdCallerHearsBusy(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String mia = TestServer.uniqueName("mia");
    String ned = TestServer.uniqueName("ned");
    String ola = TestServer.uniqueName("ola");
    ClientWindow m = open(homes.resolve("m"), 0);
    ClientWindow n = open(homes.resolve("n"), 640);
    ClientWindow o = open(homes.resolve("o"), 320);
    signUp(robot, m, server, mia, null);
    signUp(robot, n, server, ned, null);
    signUp(robot, o, server, ola, null);
    befriend(robot, m, mia, n, ned);
    befriend(robot, o, ola, n, ned);
    click(robot, find(m, "#chat-" + ned));
    await(() -> find(m, "#input"));
    awaitTrue(() -> m.client().contacts().friend(n.client().me().id()).user().online());
    click(robot, find(m, "#voiceCall"));
    click(robot, await(() -> callWindow(n)).lookup("#acceptCall"));
    awaitTrue(() -> ((Label) callWindow(m).lookup("#callStatus")).getText().startsWith("00:"));

    // the third calls from the friend's pane in the contacts
    click(robot, find(o, "#navContacts"));
    await(() -> find(o, "#friend-" + ned));
    robot.interact(() -> {
      javafx.scene.control.TreeView<Object> tree = find(o, "#friends");
      for (var folder : tree.getRoot().getChildren()) {
        folder.getChildren().stream().filter(item -> item.getValue() instanceof ling.client.api.Models.Friend f
            && f.user().username().equals(ned)).findFirst().ifPresent(tree.getSelectionModel()::select);
      }
    });
    click(robot, await(() -> find(o, "#friendVoiceCall")));
    javafx.scene.Parent refused = await(() -> callWindow(o));
    awaitTrue(() -> "Busy: in another call".equals(((Label) refused.lookup("#callStatus")).getText()));
    click(robot, callWindow(m).lookup("#hangUp"));
    awaitTrue(() -> callWindow(m) == null && callWindow(n) == null);
  }

  @Test
  @Timeout(120)
  void threeClientsHoldAGroupVideoCallAndTheGridReflowsWhenOneLeaves(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    String pam = TestServer.uniqueName("pam");
    String quin = TestServer.uniqueName("quin");
    String rex = TestServer.uniqueName("rex");
    ClientWindow p = open(homes.resolve("p"), 0);
    ClientWindow q = open(homes.resolve("q"), 640);
    ClientWindow r = open(homes.resolve("r"), 320);
    signUp(robot, p, server, pam, null);
    signUp(robot, q, server, quin, null);
    signUp(robot, r, server, rex, null);
    befriend(robot, p, pam, q, quin);
    befriend(robot, p, pam, r, rex);
    var group = p.client().gateway().createGroup("视频会 " + pam,
        java.util.List.of(q.client().me().id(), r.client().me().id())).get(10, TimeUnit.SECONDS);
    click(robot, find(p, "#navChats"));
    robot.interact(() -> p.main().chats().open(group.conversationId()));
    awaitTrue(() -> p.main().chats().pane().titleText().startsWith("视频会"));
    click(robot, find(p, "#videoCall"));
    javafx.scene.Parent host = await(() -> groupWindow(p));
    for (ClientWindow member : java.util.List.of(q, r)) {
      javafx.scene.Parent invited = await(() -> groupWindow(member));
      click(robot, invited.lookup("#joinGroupCall"));
    }
    // a full mesh: everyone receives both others' video
    for (ClientWindow client : java.util.List.of(p, q, r)) {
      ClientDriver.awaitTrue(() -> {
        var call = client.client().calls().groupProperty().get();
        return call != null && call.participants().size() == 2 && call.participants().stream()
            .allMatch(id -> call.session(id) != null && call.session(id).receivedFrames() > 10);
      });
    }
    // the own tile first, then the two others
    assertEquals(3, ((javafx.scene.layout.TilePane) host.lookup("#groupGrid")).getChildren().size());
    assertEquals("tile-self", ((javafx.scene.layout.TilePane) host.lookup("#groupGrid")).getChildren().get(0).getId());
    long quinId = q.client().me().id();
    awaitTrue(() -> "Connected".equals(((Label) host.lookup("#tileState-" + quinId)).getText()));
    assertTrue(host.lookup("#tile-" + quinId).lookup("ImageView").isVisible());
    // the own tile shows the own camera
    awaitTrue(() -> ((javafx.scene.image.ImageView) host.lookup("#tile-self").lookup("ImageView")).getImage() != null);

    // one turns the camera off: the others show the initial in that tile, and its frames stop
    click(robot, groupWindow(q).lookup("#groupCamera"));
    for (ClientWindow other : java.util.List.of(p, r)) {
      awaitTrue(() -> !groupWindow(other).lookup("#tile-" + quinId).lookup("ImageView").isVisible());
    }
    assertFalse(groupWindow(q).lookup("#tile-self").lookup("ImageView").isVisible(), "its own tile shows the initial");
    var fromQuin = p.client().calls().groupProperty().get().session(quinId);
    Thread.sleep(500);
    long framesAt = fromQuin.receivedFrames();
    Thread.sleep(1000);
    assertTrue(fromQuin.receivedFrames() - framesAt <= 2, "frames with the camera off");

    // one leaves: the others' grids reflow to the one left
    click(robot, groupWindow(r).lookup("#leaveGroupCall"));
    awaitTrue(() -> groupWindow(r) == null);
    for (ClientWindow client : java.util.List.of(p, q)) {
      awaitTrue(() -> ((javafx.scene.layout.TilePane) groupWindow(client).lookup("#groupGrid")).getChildren().size() == 2);
    }
    click(robot, groupWindow(q).lookup("#leaveGroupCall"));
    click(robot, groupWindow(p).lookup("#leaveGroupCall"));
    awaitTrue(() -> groupWindow(p) == null && groupWindow(q) == null);
    awaitTrue(() -> {
      var last = p.client().conversations().find(group.conversationId()).lastMessage();
      return last != null && "call".equals(last.kind());
    });
  }

  @Test
  @Timeout(60)
  void wrongCredentialsAndAnUnreachableServerAreSaidPlainly(FxRobot robot) throws Exception {
    TestServer server = TestServer.shared();
    ClientWindow window = open(homes.resolve("e"), 0);
    fill(robot, find(window, "#server"), server.address());
    fill(robot, find(window, "#username"), TestServer.uniqueName("nobody"));
    fill(robot, find(window, "#password"), "not-the-password");
    click(robot, find(window, "#submit"));
    Label message = find(window, "#loginMessage");
    awaitTrue(() -> message.getText().contains("Wrong username or password"));

    fill(robot, find(window, "#server"), "127.0.0.1:1");
    click(robot, find(window, "#submit"));
    awaitTrue(() -> message.getText().contains("Cannot reach the server"));

    fill(robot, find(window, "#server"), "ftp://example.com");
    click(robot, find(window, "#submit"));
    awaitTrue(() -> message.getText().contains("Enter a server address"));
  }
}
