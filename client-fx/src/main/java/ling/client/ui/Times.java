package ling.client.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Times of the contract (ISO-8601 UTC) as the user reads them, in the local zone. */
public final class Times {

  private Times() {
  }

  /** Today: the clock time; this year: the day; else the date. */
  public static String relative(String iso, Locale locale) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    ZonedDateTime at;
    try {
      at = Instant.parse(iso).atZone(ZoneId.systemDefault());
    } catch (RuntimeException e) {
      return "";
    }
    LocalDate today = LocalDate.now();
    if (at.toLocalDate().equals(today)) {
      return at.format(DateTimeFormatter.ofPattern("HH:mm", locale));
    }
    if (at.toLocalDate().equals(today.minusDays(1))) {
      return at.format(DateTimeFormatter.ofPattern("'" + yesterday(locale) + "' HH:mm", locale));
    }
    return at.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale));
  }

  /** The clock time of a message. */
  public static String clock(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      return Instant.parse(iso).atZone(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("HH:mm"));
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A coming moment (when a quota resets): the clock time today, "tomorrow" and the time, else the date too. */
  public static String dayAndClock(String iso, Locale locale) {
    ZonedDateTime at;
    try {
      at = Instant.parse(iso).atZone(ZoneId.systemDefault());
    } catch (RuntimeException e) {
      return "";
    }
    String clock = at.format(DateTimeFormatter.ofPattern("HH:mm", locale));
    LocalDate today = LocalDate.now();
    if (at.toLocalDate().equals(today)) {
      return clock;
    }
    if (at.toLocalDate().equals(today.plusDays(1))) {
      return (Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? "明天 " : "tomorrow ") + clock;
    }
    return at.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale)) + " " + clock;
  }

  /** The local day of a message, for date separators. */
  public static LocalDate day(String iso) {
    try {
      return Instant.parse(iso).atZone(ZoneId.systemDefault()).toLocalDate();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String yesterday(Locale locale) {
    return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? "昨天" : "Yesterday";
  }
}
