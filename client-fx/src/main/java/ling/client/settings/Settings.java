package ling.client.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import ling.client.api.Wire;

/** What the client remembers between runs, other than the sign-in: kept in {@code settings.json}. */
public final class Settings {

  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
  private static final String FILE = "settings.json";

  private final Profile profile;
  private final ObjectNode values;

  private Settings(Profile profile, ObjectNode values) {
    this.profile = profile;
    this.values = values;
  }

  public static Settings load(Profile profile) {
    ObjectNode values = Wire.object();
    try {
      String text = profile.read(FILE);
      if (text != null) {
        JsonNode read = Wire.tree(text);
        if (read instanceof ObjectNode object) {
          values = object;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // a damaged file gives the defaults, and is replaced on the next save
    }
    return new Settings(profile, values);
  }

  public String server() {
    return values.path("server").asText(DEFAULT_SERVER);
  }

  public void setServer(String server) {
    values.put("server", server);
    save();
  }

  /** "en", "zh-CN", or empty for the system's language. */
  public String language() {
    return values.path("language").asText("");
  }

  public void setLanguage(String language) {
    values.put("language", language);
    save();
  }

  public Locale locale() {
    String language = language();
    return language.isEmpty() ? Locale.getDefault() : Locale.forLanguageTag(language);
  }

  /** "light" or "dark". */
  public String theme() {
    return values.path("theme").asText("light");
  }

  public void setTheme(String theme) {
    values.put("theme", theme);
    save();
  }

  /** Whether Ctrl+Enter sends (and Enter makes a new line), rather than Enter. */
  public boolean ctrlEnterSends() {
    return values.path("ctrlEnterSends").asBoolean(false);
  }

  public void setCtrlEnterSends(boolean ctrlEnter) {
    values.put("ctrlEnterSends", ctrlEnter);
    save();
  }

  /** Whether a new message makes a sound. */
  public boolean messageSound() {
    return values.path("messageSound").asBoolean(true);
  }

  public void setMessageSound(boolean on) {
    values.put("messageSound", on);
    save();
  }

  public boolean rememberMe() {
    return values.path("rememberMe").asBoolean(true);
  }

  public void setRememberMe(boolean remember) {
    values.put("rememberMe", remember);
    save();
  }

  public String lastUsername() {
    return values.path("lastUsername").asText("");
  }

  public void setLastUsername(String username) {
    values.put("lastUsername", username);
    save();
  }

  /** The camera, microphone and speaker for calls, by name (empty for the default). */
  public ling.client.call.MediaChoice mediaChoice() {
    return new ling.client.call.MediaChoice(values.path("camera").asText(""), values.path("microphone").asText(""),
        values.path("speaker").asText(""));
  }

  /** One of "camera", "microphone", "speaker": the device's name, or empty for the default. */
  public void setDevice(String kind, String name) {
    if (!java.util.Set.of("camera", "microphone", "speaker").contains(kind)) {
      throw new IllegalArgumentException(kind);
    }
    values.put(kind, name == null ? "" : name);
    save();
  }

  /** The main window's last bounds, or null. */
  public double[] windowBounds() {
    JsonNode bounds = values.get("window");
    if (bounds == null || !bounds.isArray() || bounds.size() != 4) {
      return null;
    }
    return new double[] {bounds.get(0).asDouble(), bounds.get(1).asDouble(), bounds.get(2).asDouble(),
        bounds.get(3).asDouble()};
  }

  public void setWindowBounds(double x, double y, double width, double height) {
    values.putArray("window").add(x).add(y).add(width).add(height);
    save();
  }

  /**
   * A server address as the user typed it, made an http(s) URI without a path; null when it is
   * not one.
   */
  public static URI normalizeServer(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String text = typed.strip();
    if (!text.contains("://")) {
      text = "http://" + text;
    }
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getHost().isBlank() || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
          || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        return null;
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private void save() {
    try {
      profile.write(FILE, Wire.write(values), false);
    } catch (IOException e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "settings not saved: " + e.getMessage());
    }
  }
}
