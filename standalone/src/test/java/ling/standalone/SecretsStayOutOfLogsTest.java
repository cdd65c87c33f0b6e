package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsStayOutOfLogsTest {

  @Test
  void noResponseAndNoLogLineCarriesAPasswordOrItsHash() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    List<String> responses = new ArrayList<>();
    String first = "First-Secret-4471";
    String second = "Second-Secret-9902";
    List<String> refreshTokens = new ArrayList<>();
    try {
      // a stack of its own: its start-up logs too, and without SMTP it logs reset codes
      try (TestStack stack = TestStack.start(config -> config.getJsonObject("smtp").putNull("host"));
           Api api = new Api(stack.vertx, stack.port)) {
        Session s = api.register(TestStack.uniqueName("sec"), first, new JsonObject().put("email", "s@example.com"));
        refreshTokens.add(s.refreshToken());
        Reply firstLogin = api.login(s.username(), first);
        responses.add(firstLogin.text());
        refreshTokens.add(firstLogin.json().getString("refreshToken"));
        responses.add(api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken())).text());
        responses.add(api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken())).text());
        responses.add(api.login(s.username(), first + "-wrong").text());
        responses.add(api.get("/me", s.bearer()).text());
        responses.add(api.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", first)
            .put("newPassword", second)).text());
        responses.add(api.put("/me/password", s.bearer(), new JsonObject().put("oldPassword", "x")
            .put("newPassword", "y")).text());
        responses.add(api.post("/auth/register", new JsonObject().put("username", s.username())
            .put("password", first)).text());
        Reply login = api.login(s.username(), second);
        responses.add(login.text());
        responses.add(api.get("/users/" + s.id(), "Bearer " + login.json().getString("accessToken")).text());
        responses.add(api.post("/auth/password-reset", new JsonObject().put("username", s.username())).text());
        waitForLog(captured, "password reset code");
      }
    } finally {
      root.detachAppender(captured);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertTrue(responses.size() == 11, "the scenario ran");
    assertTrue(lines.stream().anyMatch(line -> line.contains("gateway listening")), "the capture saw the logs");
    assertTrue(lines.stream().anyMatch(line -> line.contains("password reset code")), "the reset was logged");
    for (String line : lines) {
      for (String token : refreshTokens) {
        assertFalse(line.contains(token), "refresh token leaked: " + line);
      }
    }
    for (String text : concat(lines, responses)) {
      assertFalse(text.contains(first), "first password leaked: " + text);
      assertFalse(text.contains(second), "second password leaked: " + text);
      assertFalse(text.contains("$argon2id$"), "password hash leaked: " + text);
    }
  }

  private static void waitForLog(ListAppender<ILoggingEvent> captured, String text) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline) {
      synchronized (captured) {
        if (captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text))) {
          return;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
