package ling.common.text;

/**
 * What text from outside may hold. A lone surrogate (JSON can carry one as {@code \ud800}) is not
 * a character at all: the database would keep a {@code ?} for it. Invisible format characters
 * (Unicode's category Cf: bidirectional overrides and isolates such as U+202E, zero-width spaces,
 * the byte order mark) make a name look like another or read backwards; the two joiners (U+200C,
 * U+200D) stay, since emoji sequences and some scripts need them.
 */
public final class UnicodeText {

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  private UnicodeText() {
  }

  /** Whether some surrogate stands without its pair. */
  public static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the text holds an invisible format character other than the joiners. */
  public static boolean hasInvisibleFormat(String text) {
    return text.codePoints().anyMatch(UnicodeText::isStrippedFormat);
  }

  /** The text without its invisible format characters (the joiners stay). */
  public static String withoutInvisibleFormat(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !isStrippedFormat(cp)).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Whether anything would show: a code point that is not white space, a format character or a mark. */
  public static boolean hasVisible(String text) {
    return text.codePoints().anyMatch(cp -> {
      int type = Character.getType(cp);
      return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.FORMAT
          && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
          && type != Character.CONTROL && cp != 0x3164 && cp != 0x115F && cp != 0x1160 && cp != 0xFFA0;
    });
  }

  private static boolean isStrippedFormat(int cp) {
    return Character.getType(cp) == Character.FORMAT && cp != ZWJ && cp != ZWNJ;
  }
}
