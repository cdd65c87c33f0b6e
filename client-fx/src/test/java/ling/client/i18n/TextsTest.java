package ling.client.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.TreeSet;
import ling.client.api.ApiException;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void bothLanguagesHaveEveryText() throws Exception {
    assertEquals(keys("messages.properties"), keys("messages_zh_CN.properties"));
  }

  private static java.util.Set<Object> keys(String file) throws java.io.IOException {
    java.util.Properties texts = new java.util.Properties();
    try (var in = new java.io.InputStreamReader(TextsTest.class.getResourceAsStream("/ling/client/i18n/" + file),
        java.nio.charset.StandardCharsets.UTF_8)) {
      texts.load(in);
    }
    return new TreeSet<>(texts.keySet());
  }

  @Test
  void knownFailuresAreSaidInTheUsersWords() {
    Texts chinese = new Texts(Locale.SIMPLIFIED_CHINESE);
    assertEquals("用户名或密码错误。", chinese.failure(new ApiException(401, "invalid_credentials", "x", 0)));
    assertEquals("尝试次数过多，请 30 秒后再试。", chinese.failure(new ApiException(429, "rate_limited", "x", 30)));
    Texts english = new Texts(Locale.ENGLISH);
    assertEquals("the server's own words", english.failure(new ApiException(409, "something_new",
        "the server's own words", 0)));
  }

  @Test
  void everyWayTheAssistantCanFailIsSaidInBothLanguages() {
    com.fasterxml.jackson.databind.node.ObjectNode event = ling.client.api.Wire.object()
        .put("message", "the server's own words");
    for (String code : new String[] {"assistant_busy", "assistant_quota_exceeded", "assistant_backend_unauthorized",
        "assistant_backend_rate_limited", "assistant_backend_timeout", "assistant_backend_unavailable",
        "assistant_backend_failed"}) {
      for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
        String said = new Texts(locale).assistantError(code, event);
        org.junit.jupiter.api.Assertions.assertFalse(said.contains("assistant.error") || said.contains("own words"),
            locale + " " + code + ": " + said);
      }
    }
    Texts english = new Texts(Locale.ENGLISH);
    String tomorrow = java.time.LocalDate.now().plusDays(1).atTime(9, 30).atZone(java.time.ZoneId.systemDefault())
        .toInstant().toString();
    event.put("resetsAt", tomorrow);
    assertEquals("You have used all your questions for now. More from tomorrow 09:30.",
        english.assistantError("assistant_quota_exceeded", event));
    assertEquals("提问次数已用完，明天 09:30 恢复", new Texts(Locale.SIMPLIFIED_CHINESE).get("assistant.quotaUsedUp",
        ling.client.ui.Times.dayAndClock(tomorrow, Locale.SIMPLIFIED_CHINESE)));
    assertEquals("the server's own words", english.assistantError("assistant_something_new", event),
        "a code this client does not know: the server's words");
  }
}
