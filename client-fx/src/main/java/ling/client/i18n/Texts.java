package ling.client.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import ling.client.api.ApiException;

/** The interface's words in the chosen language (Simplified Chinese or English). */
public final class Texts {

  private final ResourceBundle bundle;
  private final Locale locale;

  public Texts(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle("ling.client.i18n.messages", locale);
  }

  public Locale locale() {
    return locale;
  }

  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /**
   * Why the assistant did not answer, from its event's {@code code} (and {@code resetsAt} when the
   * quota ran out); the server's own words for a code this client does not know.
   */
  public String assistantError(String code, com.fasterxml.jackson.databind.JsonNode detail) {
    String key = "assistant.error." + code;
    String resetsAt = detail == null || detail.path("resetsAt").isMissingNode() || detail.path("resetsAt").isNull()
        ? "" : ling.client.ui.Times.dayAndClock(detail.path("resetsAt").asText(), locale);
    String known = get(key, resetsAt);
    if (!known.equals(key)) {
      return known;
    }
    String message = detail == null ? "" : detail.path("message").asText("");
    return message.isBlank() ? get("assistant.error.assistant_backend_failed") : message;
  }

  /** A failure as the user should read it: the known codes in their words, else the server's message. */
  public String failure(Throwable err) {
    if (err instanceof ApiException api) {
      String key = "error." + api.code();
      String known = get(key, api.retryAfterSeconds());
      if (!known.equals(key)) {
        return known;
      }
      return api.getMessage();
    }
    return get("error.unexpected", err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage());
  }
}
