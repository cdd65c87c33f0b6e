package ling.file.impl;

import ling.common.text.UnicodeText;

/**
 * What a file's name may hold: valid Unicode without invisible format characters (a
 * right-to-left override, U+202E, before "gpj.exe" makes it read as "exe.jpg").
 */
final class FileNames {

  static final String PROBLEM = "must be valid Unicode without bidirectional or zero-width characters";

  private FileNames() {
  }

  static boolean acceptable(String name) {
    return !UnicodeText.hasLoneSurrogate(name) && !UnicodeText.hasInvisibleFormat(name) && UnicodeText.hasVisible(name);
  }
}
