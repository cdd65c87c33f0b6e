package ling.api.account;

/**
 * Domain events the account service publishes for other services. A group change is
 * {@code {eventId, what, groupId, conversationId, actorId, userIds?, changes?}}, where {@code what} is one
 * of {@code created, updated, joined, left, removed, role_changed, transferred, dissolved}: the
 * chat service turns each into a {@code system} message of the group's conversation, once even
 * where several chat-service instances receive it ({@code eventId} is its key).
 */
public final class AccountEvents {

  public static final String GROUP_CHANGED = "events.account.group";

  private AccountEvents() {
  }
}
