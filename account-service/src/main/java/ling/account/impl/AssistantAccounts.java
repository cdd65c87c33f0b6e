package ling.account.impl;

import io.vertx.core.Future;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.account.Friend;
import ling.api.account.UserProfile;

/**
 * The assistant's account and its friendships. The account is an ordinary user whose password hash
 * is a marker no password matches, so nobody signs in as it; its username is reserved, so nobody
 * registers it either.
 */
final class AssistantAccounts {

  /** Not an encoded hash: {@link PasswordHasher#verify} refuses every password against it. */
  static final String NO_PASSWORD = "!system-account";

  private final UserRepository users;
  private final Friends friends;
  private final AccountRules rules;
  private final String defaultFolderName;

  AssistantAccounts(UserRepository users, Friends friends, AccountRules rules, String defaultFolderName) {
    this.users = users;
    this.friends = friends;
    this.rules = rules;
    this.defaultFolderName = defaultFolderName;
  }

  /** Whether the account is the system's own (the assistant), which no person holds. */
  static boolean isSystem(UserRepository.UserRow row) {
    return NO_PASSWORD.equals(row.passwordHash());
  }

  Future<UserProfile> account(String username, String displayName) {
    String name = rules.username(username);
    String shown = rules.displayName(displayName);
    return users.findByUsername(name).compose(found -> {
      if (found.isPresent()) {
        return own(found.get());
      }
      return users.insert(name, shown, NO_PASSWORD, null, null, defaultFolderName)
          // made at the same moment by another instance: theirs is as good
          .recover(err -> UserRepository.isDuplicateKey(err) ? Future.succeededFuture(0L) : Future.failedFuture(err))
          .compose(id -> users.findByUsername(name))
          .compose(made -> own(made.orElseThrow()));
    });
  }

  Future<Friend> contact(long userId, long assistantId) {
    return users.findById(assistantId).compose(assistant -> {
      if (assistant.isEmpty() || !isSystem(assistant.get())) {
        return Future.failedFuture(Failures.of(ling.api.Failures.NOT_FOUND, "no such assistant"));
      }
      return friends.befriend(userId, assistantId);
    });
  }

  private static Future<UserProfile> own(UserRepository.UserRow row) {
    if (!isSystem(row)) {
      return Future.failedFuture(Failures.of(AccountService.USERNAME_TAKEN, "the username '" + row.username()
          + "' belongs to a person; give the assistant another (assistant.username)"));
    }
    return Future.succeededFuture(Profiles.publicView(row));
  }
}
