package ling.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void serverAddressesAreNormalizedOrRefused() {
    assertEquals("http://127.0.0.1:8080", Settings.normalizeServer(" 127.0.0.1:8080 ").toString());
    assertEquals("https://chat.example.com", Settings.normalizeServer("https://chat.example.com/").toString());
    assertEquals("http://[::1]:8080", Settings.normalizeServer("http://[::1]:8080").toString());
    assertNull(Settings.normalizeServer(""));
    assertNull(Settings.normalizeServer("ftp://example.com"));
    assertNull(Settings.normalizeServer("http://example.com/some/path"));
    assertNull(Settings.normalizeServer("http://user:pw@example.com"));
    assertNull(Settings.normalizeServer("http:// spaces .com"));
  }

  @Test
  void settingsSurviveARestartAndADamagedFileGivesTheDefaults(@TempDir Path dir) throws Exception {
    Profile profile = new Profile(dir);
    Settings settings = Settings.load(profile);
    assertEquals(Settings.DEFAULT_SERVER, settings.server());
    settings.setServer("http://10.0.0.5:9000");
    settings.setTheme("dark");
    settings.setWindowBounds(10, 20, 800, 600);
    Settings again = Settings.load(profile);
    assertEquals("http://10.0.0.5:9000", again.server());
    assertEquals("dark", again.theme());
    assertEquals(800, again.windowBounds()[2]);

    Files.writeString(dir.resolve("settings.json"), "{not json");
    assertEquals(Settings.DEFAULT_SERVER, Settings.load(profile).server());
  }
}
