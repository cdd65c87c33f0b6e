package ling.api.account;

/**
 * Domain events the account service publishes for other services. A group change is
 * {@code {what, groupId, conversationId, actorId, userIds?, changes?}}, where {@code what} is one
 * of {@code created, updated, joined, left, removed, role_changed, transferred, dissolved}: the
 * chat service turns each into a {@code system} message of the group's conversation.
 */
public final class AccountEvents {

  public static final String GROUP_CHANGED = "events.account.group";

  private AccountEvents() {
  }
}
