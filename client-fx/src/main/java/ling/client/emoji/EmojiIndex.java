package ling.client.emoji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every emoji the bundled Twemoji sheet has, by code point sequence, and text cut into runs of
 * plain text and emoji. Emoji are drawn from the sheet so that they are in colour whatever fonts
 * the system has.
 */
public final class EmojiIndex {

  /** One emoji: its characters and its cell in the sheet. */
  public record Emoji(String text, int column, int row, String name) {
  }

  /** A piece of text: plain, or one emoji. */
  public record Run(String text, Emoji emoji) {
    public boolean isEmoji() {
      return emoji != null;
    }
  }

  private static final String INDEX = "/ling/client/emoji/index.tsv";
  private static EmojiIndex bundled;

  private final Node root = new Node();
  private final Map<String, List<Emoji>> byCategory = new LinkedHashMap<>();

  private static final class Node {
    final Map<Integer, Node> next = new HashMap<>();
    Emoji emoji;
  }

  private EmojiIndex(InputStream tsv) throws IOException {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] fields = line.split("\t");
        if (fields.length < 5) {
          continue;
        }
        StringBuilder text = new StringBuilder();
        for (String hex : fields[0].split("-")) {
          text.appendCodePoint(Integer.parseInt(hex, 16));
        }
        Emoji emoji = new Emoji(text.toString(), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
            fields[4]);
        add(emoji);
        if (!fields[3].equals("-") && !fields[3].equals("Component")) {
          byCategory.computeIfAbsent(fields[3], c -> new ArrayList<>()).add(emoji);
        }
      }
    }
  }

  /** The index of the bundled sheet, read once. */
  public static synchronized EmojiIndex bundled() {
    if (bundled == null) {
      try (InputStream in = EmojiIndex.class.getResourceAsStream(INDEX)) {
        if (in == null) {
          throw new IllegalStateException(INDEX + " is missing from the class path");
        }
        bundled = new EmojiIndex(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundled;
  }

  /** The picker's emoji, by category, in the Unicode order. */
  public Map<String, List<Emoji>> categories() {
    return byCategory;
  }

  /** Cuts text into plain runs and emoji, each emoji the longest sequence the sheet has. */
  public List<Run> split(String text) {
    List<Run> runs = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int end = -1;
      Emoji found = null;
      Node node = root;
      int j = i;
      while (j < text.length()) {
        int cp = text.codePointAt(j);
        node = node.next.get(cp);
        if (node == null) {
          break;
        }
        j += Character.charCount(cp);
        if (node.emoji != null) {
          found = node.emoji;
          end = j;
        }
      }
      if (found == null) {
        int cp = text.codePointAt(i);
        plain.appendCodePoint(cp);
        i += Character.charCount(cp);
        continue;
      }
      if (plain.length() > 0) {
        runs.add(new Run(plain.toString(), null));
        plain.setLength(0);
      }
      // a trailing variation selector belongs to the emoji before it
      if (end < text.length() && text.charAt(end) == '\uFE0F') {
        end++;
      }
      runs.add(new Run(text.substring(i, end), found));
      i = end;
    }
    if (plain.length() > 0) {
      runs.add(new Run(plain.toString(), null));
    }
    return runs;
  }

  private void add(Emoji emoji) {
    Node node = root;
    String text = emoji.text();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      node = node.next.computeIfAbsent(cp, c -> new Node());
      i += Character.charCount(cp);
    }
    if (node.emoji == null) {
      node.emoji = emoji;
    }
  }
}
