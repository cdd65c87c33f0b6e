package ling.client.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import ling.client.api.Models.GroupMember;
import ling.client.api.Models.User;
import org.junit.jupiter.api.Test;

/** Where an "@" is being typed, whom it may name, and whom a written text names. */
class MentionsTest {

  private static GroupMember member(long id, String username, String displayName, String nickname, String role) {
    return new GroupMember(new User(id, username, displayName, null, null, false, null, null, null), role, nickname,
        null);
  }

  private final List<GroupMember> members = List.of(
      member(1, "me", "Me", null, "owner"),
      member(2, "bob", "Bob", null, "member"),
      member(3, "bobby", "Bobby", null, "member"),
      member(4, "zhang", "张三", null, "admin"),
      member(5, "carol", "Carol", "小C 🌸", "member"));

  @Test
  void anAtThatStartsAWordAndNoSpaceSinceIsAMentionBeingTyped() {
    assertEquals(new Mentions.Typing(0, ""), Mentions.typing("@", 1));
    assertEquals(new Mentions.Typing(3, "bo"), Mentions.typing("hi @bo", 6));
    assertEquals(new Mentions.Typing(2, "张"), Mentions.typing("你好@张", 4));
    // the caret decides: after a space, or before the "@", nothing is typed
    assertNull(Mentions.typing("hi @bob there", 13));
    assertNull(Mentions.typing("hi @bob", 2));
    // an e-mail address is not a mention
    assertNull(Mentions.typing("mail ben@exa", 12));
    assertNull(Mentions.typing("@" + "x".repeat(Mentions.QUERY_MAX + 1), Mentions.QUERY_MAX + 2));
    assertNull(Mentions.typing("", 0));
  }

  @Test
  void candidatesLeaveOutTheWriterAndOfferEveryoneOnlyToThoseWhoMay() {
    Mentions owner = new Mentions(members, 1, true, "All");
    assertEquals(List.of(0L, 2L, 3L, 4L, 5L), ids(owner.candidates("", 10)));
    // names that start with it first, then those that contain it; usernames count
    assertEquals(List.of(2L, 3L), ids(owner.candidates("bo", 10)));
    assertEquals(List.of(4L), ids(owner.candidates("zh", 10)));
    assertEquals(List.of(5L), ids(owner.candidates("小c", 10)));
    assertEquals(List.of(0L, 4L, 5L), ids(owner.candidates("a", 10)));
    assertEquals(2, owner.candidates("", 2).size());
    Mentions member = new Mentions(members, 2, false, "All");
    assertEquals(List.of(1L, 3L, 4L, 5L), ids(member.candidates("", 10)));
    assertEquals(List.of(), ids(member.candidates("all", 10)));
  }

  @Test
  void completingReplacesWhatWasTypedWithTheNameAndASpace() {
    Mentions.Typing typing = Mentions.typing("hi @bo, see", 6);
    Mentions.Completed done = Mentions.complete("hi @bo, see", typing, 6,
        new Mentions.Candidate(2, "Bob", "bob", null));
    assertEquals("hi @Bob , see", done.text());
    assertEquals(8, done.caret());
    Mentions.Completed before = Mentions.complete("@b there", Mentions.typing("@b there", 2), 2,
        new Mentions.Candidate(2, "Bob", "bob", null));
    assertEquals("@Bob there", before.text(), "no second space");
  }

  @Test
  void theTextNamesWhomItHoldsAfterAnAt() {
    Mentions owner = new Mentions(members, 1, true, "所有人");
    assertEquals(new Mentions.Named(List.of(3L, 2L), false), owner.named("@Bobby and @Bob, look"));
    assertEquals(new Mentions.Named(List.of(4L), false), owner.named("@张三你好"));
    assertEquals(new Mentions.Named(List.of(5L), true), owner.named("@所有人 @小C 🌸 hi"));
    assertEquals(new Mentions.Named(List.of(), true), owner.named("@all go"));
    // a name written inside a word, the writer's own, a Latin name run on: no one
    assertEquals(new Mentions.Named(List.of(), false), owner.named("mail@Bob @Me @Bobbie"));
    // only owners and admins mention everyone
    Mentions member = new Mentions(members, 2, false, "所有人");
    assertEquals(new Mentions.Named(List.of(1L), false), member.named("@所有人 @all @Me"));
  }

  private static List<Long> ids(List<Mentions.Candidate> candidates) {
    return candidates.stream().map(Mentions.Candidate::userId).toList();
  }
}
