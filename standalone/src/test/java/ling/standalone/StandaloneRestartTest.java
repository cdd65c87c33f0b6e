package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real standalone start: its own embedded MariaDB in a data directory that outlives a restart. */
class StandaloneRestartTest {

  @Test
  void accountsSurviveARestartOnTheEmbeddedDatabase() throws Exception {
    Path dataDir = Path.of("target", "restart-data").toAbsolutePath();
    JsonObject config = TestStack.standaloneConfig(dataDir, "ling-restart");
    String username = TestStack.uniqueName("persist");

    try (Standalone first = Standalone.start(config); Api api = new Api(first.vertx(), first.port())) {
      assertEquals(200, api.get("/health", null).status());
      api.register(username, "survives-restart", null);
    }
    assertTrue(Files.exists(dataDir.resolve("mariadb/data")), "database files are in the data directory");
    assertTrue(Files.exists(dataDir.resolve("keys/access-token-es256.key.pem")), "the generated signing key is kept");

    try (Standalone second = Standalone.start(config); Api api = new Api(second.vertx(), second.port())) {
      assertEquals(200, api.get("/health", null).status());
      var login = api.login(username, "survives-restart");
      assertEquals(200, login.status(), login.text());
      // tokens signed before the restart are still valid: the key came from the data directory
      assertEquals(200, api.get("/me", "Bearer " + login.json().getString("accessToken")).status());
    }
  }

  @Test
  void revokedTokensStayRevokedAcrossARestart() throws Exception {
    Path dataDir = Path.of("target", "revocation-restart-data").toAbsolutePath();
    JsonObject config = TestStack.standaloneConfig(dataDir, "ling-revocation-restart");
    String loggedOut;
    String keptSession;
    String beforePasswordChange;
    String untouched;
    try (Standalone first = Standalone.start(config); Api api = new Api(first.vertx(), first.port())) {
      Api.Session alice = api.register(TestStack.uniqueName("rva"), "first-password", null);
      Api.Session alicePhone = Api.session(api.login(alice.username(), alice.password()).json(), alice.password());
      assertEquals(204, api.post("/auth/logout", new JsonObject().put("refreshToken", alicePhone.refreshToken())).status());
      loggedOut = alicePhone.accessToken();
      keptSession = alice.accessToken();

      Api.Session bob = api.register(TestStack.uniqueName("rvb"), "first-password", null);
      assertEquals(204, api.put("/me/password", bob.bearer(), new JsonObject()
          .put("oldPassword", "first-password").put("newPassword", "second-password")).status());
      beforePasswordChange = bob.accessToken();
      untouched = api.register(TestStack.uniqueName("rvc"), "first-password", null).accessToken();

      assertEquals(401, api.get("/me", "Bearer " + loggedOut).status());
      assertEquals(401, api.get("/me", "Bearer " + beforePasswordChange).status());
      assertEquals(200, api.get("/me", "Bearer " + keptSession).status());
    }

    try (Standalone second = Standalone.start(config); Api api = new Api(second.vertx(), second.port())) {
      assertEquals(401, api.get("/me", "Bearer " + loggedOut).status(), "a logged-out session");
      assertEquals(401, api.get("/me", "Bearer " + beforePasswordChange).status(), "a token from before a password change");
      assertEquals(200, api.get("/me", "Bearer " + keptSession).status(), "the other session of the same user");
      assertEquals(200, api.get("/me", "Bearer " + untouched).status(), "another user");

      // until the revocations are back (a whole cluster restarting), no token is taken at all
      var state = second.vertx().sharedData().<String, Boolean>getAsyncMap(
          ling.api.account.AccessTokens.REVOCATION_STATE_MAP).await();
      state.remove(ling.api.account.AccessTokens.RESTORED).await();
      Api.Reply waiting = api.get("/me", "Bearer " + untouched);
      assertEquals(503, waiting.status());
      assertEquals("unavailable", waiting.errorCode());
      state.put(ling.api.account.AccessTokens.RESTORED, Boolean.TRUE).await();
      assertEquals(200, api.get("/me", "Bearer " + untouched).status());
    }
  }
}
