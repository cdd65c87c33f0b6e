package ling.client.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** After a call, a process ends on its own: the media closes in order and leaves no native thread running. */
class TeardownTest {

  @Test
  @Timeout(90)
  void aProcessThatHeldAVideoCallExitsByItselfAfterTheTeardown() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(List.of(java, "-Dling.testPattern=true", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), TeardownMain.class.getName()))
        .redirectErrorStream(true).start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      process.destroyForcibly();
    }
    assertTrue(exited, "the process did not end by itself: " + output);
    assertEquals(0, process.exitValue(), output);
    String frames = output.lines().filter(l -> l.startsWith("frames ")).findFirst().orElse("frames 0 0");
    String[] counts = frames.split(" ");
    assertTrue(Long.parseLong(counts[1]) >= 30 && Long.parseLong(counts[2]) >= 30, "video flowed both ways: " + output);
  }
}
