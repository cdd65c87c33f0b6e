package ling.chat.impl;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ling.api.Failures;
import ling.api.chat.MembershipChange;

/** What a membership change must hold before it touches a conversation. */
final class MembershipChanges {

  private static final Set<String> KINDS = Set.of(MembershipChange.OPEN_GROUP, MembershipChange.ADD,
      MembershipChange.REMOVE, MembershipChange.ROLE, MembershipChange.CLOSE_GROUP, MembershipChange.OPEN_DIRECT,
      MembershipChange.CLOSE_DIRECT);
  private static final Set<String> ROLES = Set.of("owner", "admin", "member");
  private static final int MAX_USERS = 10_000;

  private MembershipChanges() {
  }

  static void validate(MembershipChange change) {
    if (change == null || change.getKind() == null || !KINDS.contains(change.getKind())) {
      throw Failures.invalid("kind", "is not a membership change");
    }
    if (change.getSeq() < 1) {
      throw Failures.invalid("seq", "must be positive");
    }
    List<Long> users = change.getUserIds();
    if (users.size() > MAX_USERS || users.stream().anyMatch(id -> id == null || id < 1)
        || new HashSet<>(users).size() != users.size()) {
      throw Failures.invalid("userIds", "must be distinct user ids");
    }
    if (change.direct()) {
      if (users.size() != 2 || users.get(0) >= users.get(1)) {
        throw Failures.invalid("userIds", "must be the pair, in ascending order");
      }
      return;
    }
    if (change.getGroupId() < 1) {
      throw Failures.invalid("groupId", "is required");
    }
    if (MembershipChange.ROLE.equals(change.getKind()) && (change.getRole() == null || !ROLES.contains(change.getRole()))) {
      throw Failures.invalid("role", "must be owner, admin or member");
    }
    if (MembershipChange.OPEN_GROUP.equals(change.getKind()) && !users.contains(change.getOwnerId())) {
      throw Failures.invalid("ownerId", "must be one of the members");
    }
  }
}
