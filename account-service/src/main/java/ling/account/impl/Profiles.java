package ling.account.impl;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import ling.account.impl.UserRepository.UserRow;
import ling.api.Failures;
import ling.api.account.ProfileChanges;
import ling.api.account.UserProfile;
import ling.api.file.FileService;
import ling.common.Times;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Users as others see them and as they see themselves: profiles, their changes, and search. */
final class Profiles {

  private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);

  private final UserRepository users;
  private final FileService files;
  private final AccountRules rules;

  Profiles(UserRepository users, FileService files, AccountRules rules) {
    this.users = users;
    this.files = files;
    this.rules = rules;
  }

  Future<UserProfile> getOwnProfile(long userId) {
    return guard(() -> existing(userId).map(Profiles::ownView));
  }

  Future<UserProfile> updateProfile(long userId, ProfileChanges changes) {
    return guard(() -> {
      if (changes == null) {
        throw Failures.invalid("body", "is required");
      }
      Map<String, Object> columns = new LinkedHashMap<>();
      for (String field : changes.fields()) {
        switch (field) {
          case ProfileChanges.DISPLAY_NAME -> columns.put("display_name", rules.displayName(changes.getDisplayName()));
          case ProfileChanges.SIGNATURE -> columns.put("signature", rules.signature(changes.getSignature()));
          case ProfileChanges.EMAIL -> columns.put("email", rules.email(changes.getEmail()));
          case ProfileChanges.PHONE -> columns.put("phone", rules.phone(changes.getPhone()));
          case ProfileChanges.AVATAR_FILE_ID -> columns.put("avatar_file_id", changes.getAvatarFileId());
        }
      }
      // a new avatar must be the user's own image, which then becomes readable by anyone
      Object avatar = columns.get("avatar_file_id");
      Future<?> avatarChecked = avatar == null ? Future.succeededFuture()
          : files.shareAsAvatar(userId, (Long) avatar);
      return existing(userId)
          .compose(user -> avatarChecked)
          .compose(user -> users.updateProfile(userId, columns))
          .compose(x -> existing(userId))
          .map(Profiles::ownView);
    });
  }

  Future<UserProfile> getUser(long viewerId, long userId) {
    return guard(() -> users.findById(viewerId, userId).compose(found -> found
        .map(user -> Future.succeededFuture(publicView(user)))
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such user")))));
  }

  Future<List<UserProfile>> getUsers(long viewerId, List<Long> userIds) {
    return guard(() -> {
      if (userIds == null || userIds.size() > 1000) {
        throw Failures.invalid("userIds", "must list at most 1000 ids");
      }
      return users.findByIds(viewerId, userIds)
          .map(found -> userIds.stream().distinct().filter(found::containsKey)
              .map(id -> publicView(found.get(id))).toList());
    });
  }

  Future<List<UserProfile>> searchUsers(long viewerId, String query, Integer limit, Long beforeId) {
    return guard(() -> {
      String q = rules.searchQuery(query);
      int size = rules.limit(limit);
      if (beforeId != null && beforeId < 1) {
        throw Failures.invalid("beforeId", "must be a positive id");
      }
      return users.search(viewerId, AccountRules.escapeLike(q), size, beforeId)
          .map(rows -> rows.stream().map(Profiles::publicView).toList());
    });
  }

  Future<UserRow> existing(long userId) {
    return users.findById(userId).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such user"))));
  }

  static UserProfile publicView(UserRow user) {
    return new UserProfile()
        .setId(user.id())
        .setUsername(user.username())
        .setDisplayName(user.displayName())
        .setSignature(user.signature())
        .setAvatarUrl(user.avatarFileId() == null ? null : "/api/v1/files/" + user.avatarFileId())
        .setOnline(user.online());
  }

  static UserProfile ownView(UserRow user) {
    return publicView(user)
        .setEmail(user.email())
        .setPhone(user.phone())
        .setCreatedAt(Times.iso(user.createdAt()));
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }
}
