package ling.assistant.impl;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * {@code assistant.*}: where the OpenAI-compatible backend is and how it is used. No base URL means
 * no assistant. The API key comes from {@code LING_ASSISTANT_API_KEY} or, better, a file named by
 * {@code LING_ASSISTANT_API_KEY_FILE}; it is never part of {@link #toString()}.
 */
record AssistantSettings(URI baseUrl, String model, String apiKey, long connectTimeoutMillis, long idleTimeoutMillis,
                         long answerTimeoutMillis, String systemPrompt, int contextChars, int maxAnswerChars,
                         int quotaQuestions, long quotaWindowSeconds) {

  /** The settings, or null when no backend is configured. */
  static AssistantSettings of(JsonObject config) {
    JsonObject a = config.getJsonObject("assistant", new JsonObject());
    String base = a.getString("baseUrl");
    if (base == null || base.isBlank()) {
      return null;
    }
    URI uri = URI.create(base.strip().replaceFirst("/+$", ""));
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("assistant.baseUrl must be an http or https URL, e.g. https://api.openai.com/v1");
    }
    String key = a.getString("apiKey");
    return new AssistantSettings(uri, required(a, "model"), key == null || key.isBlank() ? null : key.strip(),
        positive(a, "connectTimeoutMillis"), positive(a, "idleTimeoutMillis"), positive(a, "answerTimeoutMillis"),
        a.getString("systemPrompt", ""), (int) positive(a, "contextChars"), (int) positive(a, "maxAnswerChars"),
        (int) positive(a, "quotaQuestions"), positive(a, "quotaWindowSeconds"));
  }

  /** The chat-completions endpoint under the base URL ({@code .../v1/chat/completions}). */
  URI completionsUri() {
    return URI.create(baseUrl + "/chat/completions");
  }

  private static String required(JsonObject a, String key) {
    String value = a.getString(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("assistant." + key + " is required when assistant.baseUrl is set");
    }
    return value.strip();
  }

  private static long positive(JsonObject a, String key) {
    Number value = a.getNumber(key);
    if (value == null || value.longValue() < 1) {
      throw new IllegalArgumentException("assistant." + key + " must be a positive number");
    }
    return value.longValue();
  }

  @Override
  public String toString() {
    // without any user-info or query the URL might carry: those can hold credentials too
    String shown = baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort())
        + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
    return "AssistantSettings[baseUrl=" + shown + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "set")
        + ", quota=" + quotaQuestions + " per " + quotaWindowSeconds + " s]";
  }
}
