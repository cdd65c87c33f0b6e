package ling.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The client's packages depend on each other one way only: features (chat, contacts, groups, …)
 * never reach back to the session that makes them, nor the session to the windows.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/ling/client");
  private static final Pattern USE = Pattern.compile("ling\\.client\\.(?:([a-z]+)\\.)?[A-Z]\\w*");

  @Test
  void noPackageReachesBackToItself() throws IOException {
    Map<String, Set<String>> uses = uses();
    assertTrue(uses.containsKey("chat") && uses.get("session").contains("chat"), "the sources were read: " + uses);
    List<String> cycles = new ArrayList<>();
    for (String from : uses.keySet()) {
      List<String> path = pathBack(from, uses);
      if (path != null) {
        cycles.add(String.join(" -> ", path));
      }
    }
    assertEquals(List.of(), cycles);
  }

  @Test
  void featuresDoNotKnowTheSession() throws IOException {
    Map<String, Set<String>> uses = uses();
    for (String feature : List.of("chat", "contacts", "groups", "call", "assistant", "files", "ui", "api")) {
      assertTrue(!uses.getOrDefault(feature, Set.of()).contains("session")
          && !uses.getOrDefault(feature, Set.of()).contains("(root)"), feature + " uses " + uses.get(feature));
    }
  }

  /** Which packages each package names (imports and qualified names); "(root)" is ling.client itself. */
  private static Map<String, Set<String>> uses() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path dir = SOURCES.relativize(file.getParent());
        String from = dir.toString().isEmpty() ? "(root)" : dir.toString().replace('/', '.');
        Matcher use = USE.matcher(Files.readString(file));
        Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
        while (use.find()) {
          String to = use.group(1) == null ? "(root)" : use.group(1);
          if (!to.equals(from)) {
            targets.add(to);
          }
        }
      }
    }
    return uses;
  }

  /** A way from the package back to itself, or null. */
  private static List<String> pathBack(String start, Map<String, Set<String>> uses) {
    java.util.Deque<List<String>> open = new java.util.ArrayDeque<>();
    open.add(List.of(start));
    Set<String> seen = new TreeSet<>();
    while (!open.isEmpty()) {
      List<String> path = open.poll();
      for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
        List<String> longer = new ArrayList<>(path);
        longer.add(next);
        if (next.equals(start)) {
          return longer;
        }
        if (seen.add(next)) {
          open.add(longer);
        }
      }
    }
    return null;
  }
}
