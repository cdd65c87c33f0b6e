package ling.assistant.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import ling.common.config.LingConfig;
import org.junit.jupiter.api.Test;

/** The assistant's settings: absent without a base URL, refused when wrong, and never showing a secret. */
class AssistantSettingsTest {

  @Test
  void withoutABaseUrlThereIsNoAssistant() throws IOException {
    JsonObject config = defaults();
    assertNull(AssistantSettings.of(config));
    config.getJsonObject("assistant").put("baseUrl", "  ");
    assertNull(AssistantSettings.of(config));
  }

  @Test
  void aBaseUrlGivesTheCompletionsEndpointUnderIt() throws IOException {
    JsonObject config = defaults();
    config.getJsonObject("assistant").put("baseUrl", "http://127.0.0.1:11434/v1/");
    AssistantSettings settings = AssistantSettings.of(config);
    assertEquals("http://127.0.0.1:11434/v1/chat/completions", settings.completionsUri().toString());
    assertEquals(50, settings.quotaQuestions());
    assertEquals(21600, settings.quotaWindowSeconds());
    assertNull(settings.apiKey(), "no key unless one is given");
  }

  @Test
  void wrongSettingsAreRefusedWithTheirKeyNamed() throws IOException {
    JsonObject ftp = defaults();
    ftp.getJsonObject("assistant").put("baseUrl", "ftp://example.invalid/v1");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AssistantSettings.of(ftp)).getMessage()
        .startsWith("assistant.baseUrl"));
    JsonObject noModel = defaults();
    noModel.getJsonObject("assistant").put("baseUrl", "https://example.invalid/v1").put("model", "");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AssistantSettings.of(noModel)).getMessage()
        .startsWith("assistant.model"));
    JsonObject zero = defaults();
    zero.getJsonObject("assistant").put("baseUrl", "https://example.invalid/v1").put("quotaQuestions", 0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AssistantSettings.of(zero)).getMessage()
        .startsWith("assistant.quotaQuestions"));
  }

  @Test
  void whatIsLoggedHoldsNeitherTheKeyNorCredentialsInTheUrl() throws IOException {
    JsonObject config = defaults();
    config.getJsonObject("assistant").put("baseUrl", "https://user:hunter2@example.invalid:8443/v1?token=abc")
        .put("apiKey", "sk-secret-value");
    String shown = AssistantSettings.of(config).toString();
    assertTrue(shown.contains("https://example.invalid:8443/v1"), shown);
    assertTrue(shown.contains("apiKey=set"), shown);
    assertFalse(shown.contains("sk-secret-value") || shown.contains("hunter2") || shown.contains("abc"), shown);
  }

  private static JsonObject defaults() throws IOException {
    try (InputStream in = AssistantSettingsTest.class.getClassLoader().getResourceAsStream(LingConfig.DEFAULTS_RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
