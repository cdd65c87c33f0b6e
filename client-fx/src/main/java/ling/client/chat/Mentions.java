package ling.client.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ling.client.api.Models.GroupMember;
import ling.client.groups.GroupMembers;

/**
 * The @mentions of a group message being written: whether one is being typed at the caret, whom
 * it may name, and, when sent, whom the text names. The text is the truth: a name picked and then
 * deleted mentions no one, and "@name" typed out in full mentions that member.
 */
public final class Mentions {

  /** Longer runs after an "@" are not a name being typed. */
  static final int QUERY_MAX = 24;
  /** The word that mentions everyone whatever the language of the client. */
  static final String ALL = "all";

  /** A mention being typed: the "@" at {@code at}, and what follows it up to the caret. */
  public record Typing(int at, String query) {
  }

  /** Someone the mention may name; {@code userId} 0 is everyone. */
  public record Candidate(long userId, String name, String username, String avatarUrl) {
    public boolean everyone() {
      return userId == 0;
    }
  }

  /** Whom a text names: members' ids in the order they appear, and whether it names everyone. */
  public record Named(List<Long> userIds, boolean everyone) {
  }

  /** Text with a name completed: the new text and where the caret goes. */
  public record Completed(String text, int caret) {
  }

  private final List<GroupMember> members;
  private final long myId;
  private final boolean mayMentionAll;
  private final String everyoneName;

  /**
   * @param members the group's members as last loaded
   * @param mayMentionAll whether the user is the group's owner or an admin
   * @param everyoneName what "everyone" is called in the user's language
   */
  public Mentions(List<GroupMember> members, long myId, boolean mayMentionAll, String everyoneName) {
    this.members = List.copyOf(members);
    this.myId = myId;
    this.mayMentionAll = mayMentionAll;
    this.everyoneName = everyoneName;
  }

  /** The mention being typed before the caret, or null: an "@" that does not end a word, then no space. */
  public static Typing typing(String text, int caret) {
    if (text == null || caret <= 0 || caret > text.length()) {
      return null;
    }
    for (int i = caret - 1; i >= 0 && caret - i <= QUERY_MAX + 1; i--) {
      char c = text.charAt(i);
      if (c == '@') {
        // "mail@example.com" is not a mention; "你好@张三" is
        boolean startsWord = i == 0 || !isAsciiLetterOrDigit(text.charAt(i - 1));
        return startsWord ? new Typing(i, text.substring(i + 1, caret)) : null;
      }
      if (Character.isWhitespace(c)) {
        return null;
      }
    }
    return null;
  }

  /** Who the query may name, best first: everyone (for those who may), then members whose name starts with it, then contain it. */
  public List<Candidate> candidates(String query, int max) {
    String q = query.toLowerCase(Locale.ROOT);
    List<Candidate> starts = new ArrayList<>();
    List<Candidate> contains = new ArrayList<>();
    if (mayMentionAll && (everyoneName.toLowerCase(Locale.ROOT).startsWith(q) || ALL.startsWith(q))) {
      starts.add(new Candidate(0, everyoneName, null, null));
    }
    for (GroupMember member : members) {
      if (member.user().id() == myId) {
        continue;
      }
      String name = GroupMembers.shownName(member);
      String lowerName = name.toLowerCase(Locale.ROOT);
      String username = member.user().username() == null ? "" : member.user().username().toLowerCase(Locale.ROOT);
      Candidate candidate = new Candidate(member.user().id(), name, member.user().username(), member.user().avatarUrl());
      if (lowerName.startsWith(q) || username.startsWith(q)) {
        starts.add(candidate);
      } else if (lowerName.contains(q) || username.contains(q)) {
        contains.add(candidate);
      }
    }
    starts.addAll(contains);
    return starts.size() > max ? starts.subList(0, max) : starts;
  }

  /** The text with the typed mention replaced by "@name " and the caret after it. */
  public static Completed complete(String text, Typing typing, int caret, Candidate chosen) {
    String inserted = "@" + chosen.name() + " ";
    String after = text.substring(caret);
    if (after.startsWith(" ")) {
      after = after.substring(1);
    }
    return new Completed(text.substring(0, typing.at()) + inserted + after, typing.at() + inserted.length());
  }

  /** Whom the text names: "@name" of another member, ending where a word would; "@everyone" for those who may. */
  public Named named(String text) {
    Set<Long> ids = new LinkedHashSet<>();
    boolean everyone = false;
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (at > 0 && isAsciiLetterOrDigit(text.charAt(at - 1))) {
        continue;
      }
      if (mayMentionAll && (namesAt(text, at + 1, everyoneName) || namesAt(text, at + 1, ALL))) {
        everyone = true;
        continue;
      }
      // the longest name that fits wins: "@Bobby" names Bobby, not Bob
      GroupMember best = null;
      for (GroupMember member : members) {
        String name = GroupMembers.shownName(member);
        if (member.user().id() != myId && namesAt(text, at + 1, name)
            && (best == null || name.length() > GroupMembers.shownName(best).length())) {
          best = member;
        }
      }
      if (best != null) {
        ids.add(best.user().id());
      }
    }
    return new Named(List.copyOf(ids), everyone);
  }

  /** Whether the text holds the name at the index, not as the start of a longer (Latin) word. */
  private static boolean namesAt(String text, int index, String name) {
    if (name.isEmpty() || !text.regionMatches(true, index, name, 0, name.length())) {
      return false;
    }
    // "@Bob" in "@Bobby" is not Bob; "@张三你好" is 张三, as Chinese has no spaces between words
    int end = index + name.length();
    return end == text.length() || !isAsciiLetterOrDigit(text.codePointAt(end))
        || !isAsciiLetterOrDigit(name.codePointBefore(name.length()));
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }
}
