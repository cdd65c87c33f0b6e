package ling.account.impl;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import ling.common.text.UnicodeText;
import ling.api.Failures;

/** The limits of the contract (configurable) applied to what users send. */
final class AccountRules {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]*");

  private final int usernameMin;
  private final int usernameMax;
  private final int passwordMin;
  private final int passwordMax;
  private final int displayNameMax;
  private final int signatureMax;
  private final int emailMax;
  private final int phoneMax;
  private final int pageDefault;
  private final int pageMax;
  private final int searchQueryMax;
  private final int folderNameMax;
  private final int remarkMax;
  private final int requestMessageMax;
  final int foldersMax;
  final int groupMembersMax;
  private final int groupNameMax;
  private final int announcementMax;
  private final int nicknameMax;

  private final java.util.Set<String> reservedUsernames;

  /** With the usernames of the system's own accounts (the assistant's), which nobody may register. */
  AccountRules(JsonObject limits, java.util.Set<String> reservedUsernames) {
    this.reservedUsernames = reservedUsernames.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    usernameMin = limits.getInteger("usernameMin");
    usernameMax = limits.getInteger("usernameMax");
    passwordMin = limits.getInteger("passwordMin");
    passwordMax = limits.getInteger("passwordMax");
    displayNameMax = limits.getInteger("displayNameMax");
    signatureMax = limits.getInteger("signatureMax");
    emailMax = limits.getInteger("emailMax");
    phoneMax = limits.getInteger("phoneMax");
    pageDefault = limits.getInteger("pageDefault");
    pageMax = limits.getInteger("pageMax");
    searchQueryMax = limits.getInteger("searchQueryMax");
    folderNameMax = limits.getInteger("folderNameMax");
    remarkMax = limits.getInteger("remarkMax");
    requestMessageMax = limits.getInteger("requestMessageMax");
    foldersMax = limits.getInteger("foldersMax");
    groupMembersMax = limits.getInteger("groupMembersMax");
    groupNameMax = limits.getInteger("groupNameMax");
    announcementMax = limits.getInteger("announcementMax");
    nicknameMax = limits.getInteger("nicknameMax");
  }

  String username(String value) {
    String v = required("username", value);
    if (v.length() < usernameMin || v.length() > usernameMax || !USERNAME.matcher(v).matches()) {
      throw Failures.invalid("username", "must be " + usernameMin + "-" + usernameMax
          + " characters of letters, digits, '_', '.' or '-'");
    }
    return v;
  }

  /** Whether the username is one of the system's own, whatever its letters' case. */
  boolean reserved(String username) {
    return reservedUsernames.contains(username.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether a login attempt could name an account at all (cheap pre-check, no error). */
  boolean plausibleUsername(String value) {
    return value != null && value.length() >= usernameMin && value.length() <= usernameMax
        && USERNAME.matcher(value).matches();
  }

  boolean plausiblePassword(String value) {
    return value != null && value.length() <= passwordMax * 2;
  }

  String password(String field, String value) {
    String v = required(field, value);
    int length = v.codePointCount(0, v.length());
    if (length < passwordMin || length > passwordMax) {
      throw Failures.invalid(field, "must be " + passwordMin + "-" + passwordMax + " characters");
    }
    return v;
  }

  String displayName(String value) {
    String v = shown("displayName", required("displayName", value));
    int length = v.codePointCount(0, v.length());
    if (length < 1 || length > displayNameMax) {
      throw Failures.invalid("displayName", "must be 1-" + displayNameMax + " characters");
    }
    noControlCharacters("displayName", v);
    return v;
  }

  /** Blank clears the signature. */
  String signature(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = shown("signature", value);
    if (v.codePointCount(0, v.length()) > signatureMax) {
      throw Failures.invalid("signature", "must be at most " + signatureMax + " characters");
    }
    noControlCharacters("signature", v.replace('\n', ' '));
    return v;
  }

  String email(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > emailMax || !EMAIL.matcher(v).matches()) {
      throw Failures.invalid("email", "must be an email address");
    }
    return v;
  }

  String phone(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > phoneMax || !PHONE.matcher(v).matches()) {
      throw Failures.invalid("phone", "must be a phone number of digits, spaces, '()', '-' and a leading '+'");
    }
    return v;
  }

  int limit(Integer requested) {
    if (requested == null) {
      return pageDefault;
    }
    if (requested < 1 || requested > pageMax) {
      throw Failures.invalid("limit", "must be 1-" + pageMax);
    }
    return requested;
  }

  String searchQuery(String value) {
    String v = required("q", value).strip();
    if (v.isEmpty() || v.codePointCount(0, v.length()) > searchQueryMax) {
      throw Failures.invalid("q", "must be 1-" + searchQueryMax + " characters");
    }
    return v;
  }

  String folderName(String value) {
    String v = shown("name", required("name", value));
    if (v.isEmpty() || v.codePointCount(0, v.length()) > folderNameMax) {
      throw Failures.invalid("name", "must be 1-" + folderNameMax + " characters");
    }
    noControlCharacters("name", v);
    return v;
  }

  String groupName(String value) {
    String v = shown("name", required("name", value));
    if (v.isEmpty() || v.codePointCount(0, v.length()) > groupNameMax) {
      throw Failures.invalid("name", "must be 1-" + groupNameMax + " characters");
    }
    noControlCharacters("name", v);
    return v;
  }

  String announcement(String value) {
    return optionalText("announcement", value, announcementMax);
  }

  String nickname(String value) {
    return optionalText("nickname", value, nicknameMax);
  }

  String joinPolicy(String value) {
    if (!"open".equals(value) && !"approval".equals(value) && !"invite".equals(value)) {
      throw Failures.invalid("joinPolicy", "must be open, approval or invite");
    }
    return value;
  }

  /** Blank clears the remark. */
  String remark(String value) {
    return optionalText("remark", value, remarkMax);
  }

  String requestMessage(String value) {
    return optionalText("message", value, requestMessageMax);
  }

  private static String optionalText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = shown(field, value);
    if (v.codePointCount(0, v.length()) > max) {
      throw Failures.invalid(field, "must be at most " + max + " characters");
    }
    noControlCharacters(field, v.replace('\n', ' '));
    return v;
  }

  /** Escapes LIKE's wildcards so that a search for {@code 50%_off} means exactly that. */
  static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String required(String field, String value) {
    if (value == null) {
      throw Failures.invalid(field, "is required");
    }
    return value;
  }

  /**
   * Text others will see: valid Unicode, without the invisible format characters that make one
   * name pass for another or read backwards, and with something visible left.
   */
  private static String shown(String field, String value) {
    if (UnicodeText.hasLoneSurrogate(value)) {
      throw Failures.invalid(field, "must be valid Unicode (a surrogate stands alone)");
    }
    String v = UnicodeText.withoutInvisibleFormat(value).strip();
    if (!UnicodeText.hasVisible(v)) {
      throw Failures.invalid(field, "must show something: it is blank or invisible");
    }
    return v;
  }

  private static void noControlCharacters(String field, String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw Failures.invalid(field, "must not contain control characters");
    }
  }
}
