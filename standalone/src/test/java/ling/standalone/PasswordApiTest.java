package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class PasswordApiTest extends SharedStackTest {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  @Test
  void resetByEmailedCodeRevokesEverySessionAndSocket() {
    String email = TestStack.uniqueName("r") + "@example.com";
    Session s = api.register(TestStack.uniqueName("reset"), "old-password-1", new JsonObject().put("email", email));
    Session other = Api.session(api.login(s.username(), "old-password-1").json(), "old-password-1");
    String code;
    try (Socket socket = Socket.connect(stack.vertx, stack.port, s.bearer())) {
      assertEquals(202, api.post("/auth/password-reset", new JsonObject().put("username", s.username())).status());
      code = codeMailedTo(email);

      Reply weak = confirm(s, code, "short");
      assertEquals(400, weak.status());
      assertTrue(weak.errorMessage().startsWith("newPassword"));

      assertEquals(204, confirm(s, code, "new-password-2").status());

      assertEquals("session.revoked", socket.next().getString("type"));
      assertEquals(4401, socket.closeCode(5_000));
    }
    assertEquals(401, api.login(s.username(), "old-password-1").status());
    assertEquals(200, api.login(s.username(), "new-password-2").status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken())).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", other.refreshToken())).status());
    assertEquals(401, api.get("/me", s.bearer()).status());
    // a code works once
    Reply again = confirm(s, code, "new-password-3");
    assertEquals(400, again.status());
    assertEquals("invalid_code", again.errorCode());
    assertEquals(200, api.login(s.username(), "new-password-2").status());
  }

  @Test
  void fourWrongCodesStillLeaveTheRightOneWorking() {
    String email = TestStack.uniqueName("f") + "@example.com";
    Session s = api.register(TestStack.uniqueName("four"), "old-password-1", new JsonObject().put("email", email));
    api.post("/auth/password-reset", new JsonObject().put("username", s.username()));
    String code = codeMailedTo(email);
    String wrong = code.equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 4; i++) {
      assertEquals(400, confirm(s, wrong, "new-password-2").status());
    }
    assertEquals(204, confirm(s, code, "new-password-2").status());
  }

  @Test
  void anAccountWithoutEmailGetsNoCodeWhenMailIsConfigured() throws Exception {
    Session s = api.register("nomail");
    int before = stack.mail.getReceivedMessages().length;
    assertEquals(202, api.post("/auth/password-reset", new JsonObject().put("username", s.username())).status());
    Thread.sleep(300);
    assertEquals(before, stack.mail.getReceivedMessages().length);
    // no code was stored either: nothing can be guessed
    assertEquals("invalid_code", confirm(s, "123456", "new-password-2").errorCode());
  }

  @Test
  void fiveWrongCodesUseUpTheCode() {
    String email = TestStack.uniqueName("w") + "@example.com";
    Session s = api.register(TestStack.uniqueName("wrong"), "old-password-1", new JsonObject().put("email", email));
    api.post("/auth/password-reset", new JsonObject().put("username", s.username()));
    String code = codeMailedTo(email);
    String wrong = code.equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 5; i++) {
      Reply reply = confirm(s, wrong, "new-password-2");
      assertEquals(400, reply.status());
      assertEquals("invalid_code", reply.errorCode());
    }
    Reply late = confirm(s, code, "new-password-2");
    assertEquals(400, late.status());
    assertEquals("invalid_code", late.errorCode());
    assertEquals(200, api.login(s.username(), "old-password-1").status());
  }

  @Test
  void resetAnswersTheSameForUnknownUsersAndSendsNothing() throws Exception {
    int before = stack.mail.getReceivedMessages().length;
    assertEquals(202, api.post("/auth/password-reset", new JsonObject().put("username", TestStack.uniqueName("none")))
        .status());
    assertEquals(202, api.post("/auth/password-reset", new JsonObject().put("username", "' OR '1'='1")).status());
    Thread.sleep(300);
    assertEquals(before, stack.mail.getReceivedMessages().length);
    assertEquals(400, api.post("/auth/password-reset", new JsonObject()).status());
    Reply unknown = api.post("/auth/password-reset/confirm", new JsonObject().put("username", TestStack.uniqueName("x"))
        .put("code", "123456").put("newPassword", "new-password-2"));
    assertEquals(400, unknown.status());
    assertEquals("invalid_code", unknown.errorCode());
    Reply badCode = api.post("/auth/password-reset/confirm", new JsonObject().put("username", "someone")
        .put("code", "12ab").put("newPassword", "new-password-2"));
    assertEquals("invalid_code", badCode.errorCode());
    Reply missing = api.post("/auth/password-reset/confirm", new JsonObject().put("username", "someone")
        .put("code", "123456"));
    assertTrue(missing.errorMessage().startsWith("newPassword"));
  }

  @Test
  void changePasswordChecksTheOldOneAndRevokesEverything() {
    Session s = api.register("chg");
    Reply wrong = api.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", "not-it-at-all")
        .put("newPassword", "brand-new-pass"));
    assertEquals(400, wrong.status());
    assertEquals("wrong_password", wrong.errorCode());
    assertEquals(400, api.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", s.password())
        .put("newPassword", "short")).status());
    assertEquals(401, api.put("/me/password", null, new JsonObject().put("oldPassword", s.password())
        .put("newPassword", "brand-new-pass")).status());
    assertEquals(200, api.get("/me", s.bearer()).status());

    try (Socket socket = Socket.connect(stack.vertx, stack.port, s.bearer())) {
      assertEquals(204, api.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", s.password())
          .put("newPassword", "brand-new-pass")).status());
      assertEquals("session.revoked", socket.next().getString("type"));
      assertEquals(4401, socket.closeCode(5_000));
    }
    assertEquals(401, api.get("/me", s.bearer()).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken())).status());
    Reply fresh = api.login(s.username(), "brand-new-pass");
    assertEquals(200, fresh.status());
    assertEquals(200, api.get("/me", "Bearer " + fresh.json().getString("accessToken")).status());
  }

  private Reply confirm(Session s, String code, String newPassword) {
    return api.post("/auth/password-reset/confirm", new JsonObject().put("username", s.username())
        .put("code", code).put("newPassword", newPassword));
  }

  private String codeMailedTo(String email) {
    assertTrue(stack.mail.waitForIncomingEmail(10_000, 1), "no mail arrived");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (MimeMessage message : stack.mail.getReceivedMessages()) {
        try {
          boolean mine = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
              .anyMatch(a -> a.toString().equalsIgnoreCase(email));
          if (mine) {
            Matcher m = CODE.matcher(GreenMailUtil.getBody(message));
            assertTrue(m.find(), "no code in the mail");
            return m.group(1);
          }
        } catch (jakarta.mail.MessagingException e) {
          throw new AssertionError(e);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("no mail to " + email);
  }
}
