package ling.file.impl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** A file's real type from its first bytes: what a name or a declared type says is not trusted. */
final class TypeSniffer {

  /** The types that get dimensions and a thumbnail (the ones the JDK decodes). */
  static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/bmp");
  static final String UNKNOWN = "application/octet-stream";

  private TypeSniffer() {
  }

  static String sniff(byte[] head, int length) {
    if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(head, length, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (starts(head, length, 'B', 'M') && length > 14) {
      return "image/bmp";
    }
    if (starts(head, length, 'R', 'I', 'F', 'F') && at(head, length, 8, 'W', 'E', 'B', 'P')) {
      return "image/webp";
    }
    if (starts(head, length, 'R', 'I', 'F', 'F') && at(head, length, 8, 'W', 'A', 'V', 'E')) {
      return "audio/wav";
    }
    if (at(head, length, 4, 'f', 't', 'y', 'p')) {
      return at(head, length, 8, 'M', '4', 'A') ? "audio/mp4" : "video/mp4";
    }
    if (starts(head, length, 0x1A, 0x45, 0xDF, 0xA3)) {
      return "video/webm";
    }
    if (starts(head, length, 'O', 'g', 'g', 'S')) {
      return "audio/ogg";
    }
    if (starts(head, length, 'I', 'D', '3') || starts(head, length, 0xFF, 0xFB)) {
      return "audio/mpeg";
    }
    if (starts(head, length, '%', 'P', 'D', 'F', '-')) {
      return "application/pdf";
    }
    if (starts(head, length, 'P', 'K', 3, 4)) {
      return "application/zip";
    }
    if (starts(head, length, 0x1F, 0x8B)) {
      return "application/gzip";
    }
    if (starts(head, length, 0x7F, 'E', 'L', 'F')) {
      return "application/x-executable";
    }
    if (starts(head, length, 'M', 'Z')) {
      return "application/x-msdownload";
    }
    return isText(head, length) ? "text/plain; charset=utf-8" : UNKNOWN;
  }

  private static boolean starts(byte[] head, int length, int... magic) {
    return at(head, length, 0, magic);
  }

  private static boolean at(byte[] head, int length, int offset, int... magic) {
    if (length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** UTF-8 without NULs in the head (a multi-byte character cut at its end is allowed). */
  private static boolean isText(byte[] head, int length) {
    if (length == 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (head[i] == 0) {
        return false;
      }
    }
    int end = length;
    // drop a trailing partial UTF-8 sequence
    for (int back = 1; back <= 3 && end - back >= 0; back++) {
      int b = head[end - back] & 0xFF;
      if ((b & 0xC0) == 0xC0) {
        end -= back;
        break;
      }
      if ((b & 0x80) == 0) {
        break;
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
