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
}
