package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.callWindow;
import static ling.client.ClientDriver.groupWindow;
import static ling.client.ClientDriver.awaitTrue;
import static ling.client.ClientDriver.befriend;
import static ling.client.ClientDriver.click;
import static ling.client.ClientDriver.fill;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.linesOf;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import ling.client.api.Models.Conversation;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The documentation's screenshots, taken from real clients against the real server:
 * {@code mvn -pl client-fx test -Dtest=ScreenshotsTest -Dling.screenshots=$PWD/docs/screenshots}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "ling.screenshots", matches = ".+")
class ScreenshotsTest {

  @TempDir
  Path homes;

  @org.junit.jupiter.api.AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(300)
  void takeTheScreenshots(FxRobot robot) throws Exception {
    Path out = Path.of(System.getProperty("ling.screenshots"));
    Files.createDirectories(out);
    TestServer server = TestServer.shared();
    String lin = TestServer.uniqueName("lin");
    String chen = TestServer.uniqueName("chen");
    String wang = TestServer.uniqueName("wang");

    ClientWindow fresh = window("fresh");
    fill(robot, find(fresh, "#server"), server.address());
    fill(robot, find(fresh, "#username"), "lin");
    shoot(fresh.stage(), out.resolve("sign-in.png"));

    ClientWindow a = window("a");
    ClientWindow b = window("b");
    ClientWindow c = window("c");
    signUp(robot, a, server, lin, "林小雨");
    signUp(robot, b, server, chen, "陈大明 Daming");
    signUp(robot, c, server, wang, "Wang Fang");
    befriend(robot, a, lin, b, chen);
    befriend(robot, c, wang, a, lin);

    click(robot, find(b, "#chat-" + lin));
    await(() -> find(b, "#input"));
    send(robot, b, "周末去爬山吗？⛰️😄");
    click(robot, find(a, "#navChats"));
    long conversation = b.client().conversations().openProperty().get();
    await(() -> find(a, "#conversation-" + conversation));
    select(robot, a, conversation);
    send(robot, a, "好呀！Let's go 🎉👍");
    Path picture = homes.resolve("mountain.png");
    ImageIO.write(Pictures.mountain(720, 480), "png", picture.toFile());
    Path plan = homes.resolve("行程安排 itinerary.pdf");
    Files.write(plan, new byte[180_000]);
    robot.interact(() -> a.main().chats().pane().sendFiles(List.of(picture, plan)));
    awaitTrue(() -> linesOf(a).stream().filter(l -> !l.pending() && l.message().file() != null).count() == 2);
    send(robot, b, "照片真好看 😍 see you at 8");
    awaitTrue(() -> linesOf(a).size() == 5);
    Thread.sleep(500);
    shootBoth(a.stage(), out, "main-window");

    // the toolbar above the composer, with a draft in it
    ling.client.emoji.EmojiField draft = find(a, "#input");
    robot.interact(() -> draft.setText("明天几点出发？🚗"));
    Thread.sleep(300);
    shootBoth(a.stage(), out, "chat-toolbar", a.stage().getScene().lookup(".input-area"));
    robot.interact(draft::clear);

    // a video message as its receiver sees it: the first frame, the play button, the time
    Path clip = homes.resolve("山顶 summit.mp4");
    try (var in = ScreenshotsTest.class.getResourceAsStream("/ling/client/clip.mp4")) {
      Files.copy(in, clip);
    }
    robot.interact(() -> a.main().chats().pane().sendFiles(List.of(clip)));
    awaitTrue(() -> linesOf(b).stream().anyMatch(l -> "video".equals(l.message().kind())));
    long videoId = linesOf(b).stream().filter(l -> "video".equals(l.message().kind())).findFirst().orElseThrow()
        .message().file().fileId();
    javafx.scene.media.MediaView videoView = (javafx.scene.media.MediaView) await(() -> (javafx.scene.Node) find(b, "#video-" + videoId))
        .lookup(".media-view");
    org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> {
      var player = videoView.getMediaPlayer();
      return player != null && (player.getStatus() == javafx.scene.media.MediaPlayer.Status.PAUSED
          || player.getCurrentTime().greaterThanOrEqualTo(player.getTotalDuration()));
    }).get());
    Thread.sleep(500);
    shootBoth(b.stage(), out, "video-message");

    // a request waiting, to show in the contacts
    String zhao = TestServer.uniqueName("zhao");
    ClientWindow d = window("d");
    signUp(robot, d, server, zhao, "赵敏");
    click(robot, find(d, "#navContacts"));
    fill(robot, find(d, "#userSearch"), lin);
    click(robot, find(d, "#findUsers"));
    await(() -> find(d, "#add-" + lin));
    WaitForAsyncUtils.waitForFxEvents();
    click(robot, find(d, "#add-" + lin));
    click(robot, find(a, "#navContacts"));
    await(() -> find(a, "#accept-" + zhao));
    robot.interact(() -> {
      javafx.scene.control.TreeView<Object> tree = find(a, "#friends");
      tree.getRoot().getChildren().get(0).getChildren().stream()
          .filter(item -> item.getValue() instanceof ling.client.api.Models.Friend f && f.user().username().equals(chen))
          .findFirst().ifPresent(tree.getSelectionModel()::select);
    });
    await(() -> find(a, "#friendRemark"));
    fill(robot, find(a, "#friendRemark"), "老陈");
    click(robot, find(a, "#saveRemark"));
    awaitTrue(() -> "老陈".equals(a.client().contacts().friend(b.client().me().id()).remark()));
    Thread.sleep(300);
    shootBoth(a.stage(), out, "contacts");

    click(robot, find(a, "#newGroup"));
    fill(robot, await(() -> robot.lookup("#newGroupName").tryQuery().orElse(null)),
        "周末登山队 ⛰️");
    for (String member : List.of(chen, wang)) {
      robot.interact(() -> ((javafx.scene.control.CheckBox) robot.lookup("#pick-" + member).query()).setSelected(true));
    }
    click(robot, robot.lookup("#createGroup").query());
    awaitTrue(() -> "周末登山队 ⛰️".equals(a.main().chats().pane().titleText()));
    send(robot, a, "集合时间：周六早上 8 点 ⏰");
    long group = a.client().conversations().openProperty().get();
    await(() -> find(b, "#conversation-" + group));
    select(robot, b, group);
    send(robot, b, "收到！🙌");
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> "收到！🙌".equals(l.message().text())));
    click(robot, find(a, "#groupInfoButton"));
    ListView<?> members = await(() -> find(a, "#groupMembers"));
    awaitTrue(() -> members.getItems().size() == 3);
    robot.interact(() -> a.stage().getScene().lookup("#groupAnnouncement").getClass());
    fill(robot, find(a, "#groupAnnouncement"), "周六 8:00 山脚集合，记得带水 💧");
    click(robot, find(a, "#saveGroup"));
    Thread.sleep(500);
    shootBoth(a.stage(), out, "group-info");

    // "@" in the group: the picker above the input, then the message as the member it names sees it
    click(robot, find(a, "#groupInfoButton"));
    ling.client.emoji.EmojiField input = find(a, "#input");
    ListView<?> picker = find(a, "#mentionSuggestions");
    robot.interact(() -> {
      input.setText("@");
      input.end();
    });
    awaitTrue(() -> picker.isVisible() && picker.getItems().size() == 3);
    Thread.sleep(300);
    shootBoth(a.stage(), out, "mention-picker");
    robot.interact(() -> input.appendText("陈"));
    awaitTrue(() -> picker.getItems().size() == 1);
    ClientDriver.press(robot, input, javafx.scene.input.KeyCode.ENTER, false);
    robot.interact(() -> input.appendText("记得带相机 📷 山顶拍合照"));
    click(robot, find(a, "#send"));
    long chenId = b.client().me().id();
    awaitTrue(() -> linesOf(b).stream().anyMatch(l -> l.message().mentions(chenId)));
    Thread.sleep(500);
    shootBoth(b.stage(), out, "group-mention");

    // the same window in Chinese
    Settings chinese = Settings.load(new Profile(homes.resolve("zh")));
    chinese.setLanguage("zh-CN");
    ClientWindow z = window("zh");
    signUp(robot, z, server, TestServer.uniqueName("zhou"), "周小舟");
    befriend(robot, z, z.client().me().username(), b, chen);
    click(robot, find(b, "#chat-" + z.client().me().username()));
    await(() -> find(b, "#input"));
    send(robot, b, "你好！周末一起去爬山吗？⛰️");
    click(robot, find(z, "#navChats"));
    long zhConversation = b.client().conversations().openProperty().get();
    await(() -> find(z, "#conversation-" + zhConversation));
    select(robot, z, zhConversation);
    send(robot, z, "好啊，几点出发？😄");
    awaitTrue(() -> linesOf(z).size() >= 2);
    Thread.sleep(500);
    shoot(z.stage(), out.resolve("main-window-zh.png"));

    // a video call with the test pattern coming in
    select(robot, a, conversation);
    click(robot, find(a, "#videoCall"));
    javafx.scene.Parent incoming = await(() -> callWindow(b));
    click(robot, incoming.lookup("#acceptCall"));
    awaitTrue(() -> a.client().calls().currentProperty().get().sessionProperty().get() != null
        && a.client().calls().currentProperty().get().sessionProperty().get().receivedFrames() > 30);
    Thread.sleep(2500);
    shoot((Stage) callWindow(a).getScene().getWindow(), out.resolve("video-call.png"));
    click(robot, callWindow(a).lookup("#hangUp"));
    awaitTrue(() -> callWindow(a) == null && callWindow(b) == null);

    // the group's video call, all three in it
    select(robot, a, group);
    click(robot, find(a, "#videoCall"));
    await(() -> groupWindow(a));
    for (ClientWindow member : List.of(b, c)) {
      click(robot, await(() -> groupWindow(member)).lookup("#joinGroupCall"));
    }
    awaitTrue(() -> {
      var call = a.client().calls().groupProperty().get();
      return call != null && call.participants().size() == 2
          && call.participants().stream().allMatch(id -> call.session(id) != null && call.session(id).receivedFrames() > 30);
    });
    Thread.sleep(1500);
    shoot((Stage) groupWindow(a).getScene().getWindow(), out.resolve("group-call.png"));

    for (ClientWindow member : List.of(c, b, a)) {
      click(robot, groupWindow(member).lookup("#leaveGroupCall"));
    }
    awaitTrue(() -> groupWindow(a) == null && groupWindow(b) == null && groupWindow(c) == null);

    // the group's voice call: initials, no camera
    select(robot, a, group);
    click(robot, find(a, "#voiceCall"));
    await(() -> groupWindow(a));
    click(robot, await(() -> groupWindow(b)).lookup("#joinGroupCall"));
    awaitTrue(() -> {
      var call = a.client().calls().groupProperty().get();
      return call != null && call.participants().size() == 1 && call.connections().values().stream()
          .allMatch("connected"::equals);
    });
    // the host muted: its own tile shows it; the one speaking is framed
    click(robot, groupWindow(a).lookup("#groupMute"));
    long chenInCall = b.client().me().id();
    awaitTrue(() -> {
      javafx.css.PseudoClass speaking = javafx.css.PseudoClass.getPseudoClass("speaking");
      return groupWindow(a).lookup("#tile-" + chenInCall).getPseudoClassStates().contains(speaking)
          && !groupWindow(a).lookup("#tile-self").getPseudoClassStates().contains(speaking);
    });
    Thread.sleep(300);
    shootBoth((Stage) groupWindow(a).getScene().getWindow(), out, "group-voice-call");
    click(robot, groupWindow(b).lookup("#leaveGroupCall"));
    click(robot, groupWindow(a).lookup("#leaveGroupCall"));
    awaitTrue(() -> groupWindow(a) == null && groupWindow(b) == null);

    for (String name : List.of("sign-in.png", "main-window.png", "contacts.png", "group-info.png", "video-call.png",
        "group-call.png", "main-window-dark.png", "contacts-dark.png", "group-info-dark.png", "main-window-zh.png",
        "group-voice-call.png", "group-voice-call-dark.png", "mention-picker.png", "mention-picker-dark.png",
        "group-mention.png", "group-mention-dark.png", "chat-toolbar.png", "chat-toolbar-dark.png",
        "video-message.png", "video-message-dark.png")) {
      assertTrue(Files.size(out.resolve(name)) > (name.startsWith("chat-toolbar") ? 5_000 : 10_000), name);
    }
  }

  @Test
  @Timeout(120)
  void takeTheAssistantScreenshots(FxRobot robot) throws Exception {
    Path out = Path.of(System.getProperty("ling.screenshots"));
    Files.createDirectories(out);
    TestServer server = TestServer.withAssistant();
    ling.assistant.FakeOpenAi backend = TestServer.assistantBackend();
    String lin = TestServer.uniqueName("lin");
    String chen = TestServer.uniqueName("chen");
    ClientWindow a = window("assistant-a");
    ClientWindow b = window("assistant-b");
    signUp(robot, a, server, lin, "林小雨");
    signUp(robot, b, server, chen, "陈大明 Daming");
    befriend(robot, a, lin, b, chen);
    click(robot, find(a, "#navChats"));
    awaitTrue(() -> a.client().assistant().exists());
    long assistant = a.client().assistant().conversationId();
    await(() -> find(a, "#conversation-" + assistant));
    select(robot, a, assistant);

    backend.pieces = List.of("好的！", "这是一条简短的提醒：\n\n", "⛰️ 周六早上 8 点山脚集合，", "带够水、零食和防晒，",
        "穿防滑的鞋。", "天气预报有小雨，记得带雨衣 ☔");
    backend.pieceDelayMillis = 20;
    send(robot, a, "帮我写一条周末登山的提醒，简短一点");
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && l.message().text() != null
        && l.message().text().endsWith("☔")));
    backend.pieces = List.of("For a day hike, pack ", "water (2 litres), ", "snacks, a rain jacket, ", "sunscreen, ",
        "a small first-aid kit ", "and a charged phone.");
    backend.pieceDelayMillis = 400;
    send(robot, a, "What should I pack for a day hike?");
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> l.status() == ling.client.chat.ChatLine.Status.STREAMING
        && l.message().text().contains("snacks")));
    shoot(a.stage(), out.resolve("assistant-chat.png"));
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && l.message().text() != null
        && l.message().text().endsWith("phone.")));

    // unread messages from Chen, summarised from the conversation's menu into the assistant's chat
    backend.pieceDelayMillis = 20;
    backend.pieces = List.of("陈大明约你这周六去爬山：", "\n• 早上 8 点在山脚集合", "\n• 他会带地图和头灯",
        "\n• 等你确认要不要叫上王芳");
    click(robot, find(b, "#chat-" + lin));
    await(() -> find(b, "#input"));
    for (String text : List.of("周六去爬山吧？⛰️", "早上 8 点山脚集合，我带地图和头灯 🔦", "要不要叫上王芳？")) {
      send(robot, b, text);
    }
    long pair = b.client().conversations().openProperty().get();
    awaitTrue(() -> a.client().conversations().find(pair) != null && a.client().conversations().find(pair).unreadCount() == 3);
    robot.interact(() -> a.main().chats().summarise(a.client().conversations().find(pair)));
    awaitTrue(() -> linesOf(a).stream().anyMatch(l -> !l.local() && l.message().text() != null
        && l.message().text().startsWith("Summary of") && l.message().text().contains("王芳")));
    Thread.sleep(500);
    shoot(a.stage(), out.resolve("assistant-summary.png"));
    for (String name : List.of("assistant-chat.png", "assistant-summary.png")) {
      assertTrue(Files.size(out.resolve(name)) > (name.startsWith("chat-toolbar") ? 5_000 : 10_000), name);
    }
  }

  private ClientWindow window(String name) throws Exception {
    Settings settings = Settings.load(new Profile(homes.resolve(name)));
    settings.setWindowBounds(0, 0, 1000, 700);
    return ClientDriver.open(homes.resolve(name), 0);
  }

  private static void send(FxRobot robot, ClientWindow window, String text) {
    fill(robot, find(window, "#input"), text);
    click(robot, find(window, "#send"));
  }

  private static void select(FxRobot robot, ClientWindow window, long conversationId) {
    robot.interact(() -> {
      ListView<Conversation> list = find(window, "#conversations");
      list.getSelectionModel().select(window.client().conversations().find(conversationId));
    });
  }

  /** The window as it is (light), then in the dark theme, then light again. */
  private static void shootBoth(Stage stage, Path out, String name) throws Exception {
    shoot(stage, out.resolve(name + ".png"));
    WaitForAsyncUtils.asyncFx(() -> ling.client.ui.Themes.apply(stage.getScene(), "dark")).get(10, TimeUnit.SECONDS);
    Thread.sleep(300);
    shoot(stage, out.resolve(name + "-dark.png"));
    WaitForAsyncUtils.asyncFx(() -> ling.client.ui.Themes.apply(stage.getScene(), "light")).get(10, TimeUnit.SECONDS);
  }

  /** Only the part of the window where the node is (with a little room around it), in both themes. */
  private static void shootBoth(Stage stage, Path out, String name, javafx.scene.Node part) throws Exception {
    shootPart(stage, part, out.resolve(name + ".png"));
    WaitForAsyncUtils.asyncFx(() -> ling.client.ui.Themes.apply(stage.getScene(), "dark")).get(10, TimeUnit.SECONDS);
    Thread.sleep(300);
    shootPart(stage, part, out.resolve(name + "-dark.png"));
    WaitForAsyncUtils.asyncFx(() -> ling.client.ui.Themes.apply(stage.getScene(), "light")).get(10, TimeUnit.SECONDS);
  }

  private static void shootPart(Stage stage, javafx.scene.Node part, Path file) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    javafx.geometry.Bounds bounds = WaitForAsyncUtils.asyncFx(() -> part.localToScene(part.getBoundsInLocal()))
        .get(10, TimeUnit.SECONDS);
    int x = (int) Math.max(0, bounds.getMinX() - 8);
    int y = (int) Math.max(0, bounds.getMinY() - 8);
    int width = (int) Math.min(image.getWidth() - x, bounds.getWidth() + 16);
    int height = (int) Math.min(image.getHeight() - y, bounds.getHeight() + 16);
    ImageIO.write(SwingFXUtils.fromFXImage(image, null).getSubimage(x, y, width, height), "png", file.toFile());
  }

  private static void shoot(Stage stage, Path file) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
  }
}
