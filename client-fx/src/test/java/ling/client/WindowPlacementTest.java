package ling.client;

import static ling.client.ClientDriver.await;
import static ling.client.ClientDriver.find;
import static ling.client.ClientDriver.open;
import static ling.client.ClientDriver.signUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import ling.client.settings.Profile;
import ling.client.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The main window opens where, and as large as, it was when it was closed. */
@ExtendWith(ApplicationExtension.class)
class WindowPlacementTest {

  @TempDir
  Path homes;

  @AfterEach
  void closeWindows(FxRobot robot) {
    ClientDriver.closeAll(robot);
  }

  @Test
  @Timeout(90)
  void theWindowComesBackWhereItWasLeft(FxRobot robot) throws Exception {
    Path home = homes.resolve("w");
    ClientWindow first = open(home, 0);
    signUp(robot, first, TestServer.shared(), TestServer.uniqueName("win"), null);
    robot.interact(() -> {
      first.stage().setX(120);
      first.stage().setY(80);
      first.stage().setWidth(1100);
      first.stage().setHeight(720);
    });
    ClientDriver.closeAll(robot);
    assertArrayEquals(new double[] {120, 80, 1100, 720}, Settings.load(new Profile(home)).windowBounds(), 0.5);

    // signed in again by itself (remembered), in the same place and size, never below the smallest
    ClientWindow again = open(home, 0);
    await(() -> find(again, "#mainView"));
    assertEquals(120, again.stage().getX(), 0.5);
    assertEquals(80, again.stage().getY(), 0.5);
    assertEquals(1100, again.stage().getWidth(), 0.5);
    assertEquals(720, again.stage().getHeight(), 0.5);
    assertEquals(ClientWindow.MIN_WIDTH, again.stage().getMinWidth(), 0.5);
  }
}
