package ling.client.login;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import ling.client.api.Wire;
import ling.client.settings.Profile;

/**
 * "Remember me": the refresh token of the last sign-in, with its server and username, in a file
 * only its owner can read. Never the password. Each rotation of the token replaces it.
 */
public final class RememberedSignIn {

  /** What is remembered. */
  public record Entry(String server, String username, String refreshToken) {
  }

  static final String FILE = "session.json";

  private final Profile profile;

  public RememberedSignIn(Profile profile) {
    this.profile = profile;
  }

  public Entry load() {
    try {
      String text = profile.read(FILE);
      if (text == null) {
        return null;
      }
      JsonNode json = Wire.tree(text);
      String token = json.path("refreshToken").asText("");
      return token.isEmpty() ? null
          : new Entry(json.path("server").asText(""), json.path("username").asText(""), token);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  public void save(Entry entry) {
    try {
      profile.write(FILE, Wire.write(Wire.object().put("server", entry.server()).put("username", entry.username())
          .put("refreshToken", entry.refreshToken())), true);
    } catch (IOException e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "sign-in not remembered: " + e.getMessage());
    }
  }

  public void forget() {
    try {
      profile.delete(FILE);
    } catch (IOException e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "sign-in not forgotten: " + e.getMessage());
    }
  }
}
