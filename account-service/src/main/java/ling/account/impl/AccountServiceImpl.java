package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import ling.account.impl.SessionRepository.Issued;
import ling.account.impl.UserRepository.UserRow;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.account.AuthResult;
import ling.api.account.DeviceLink;
import ling.api.account.DeviceLinkPoll;
import ling.api.account.Friend;
import ling.api.account.FriendFolder;
import ling.api.account.FriendRequest;
import ling.api.account.Group;
import ling.api.account.GroupJoinRequest;
import ling.api.account.GroupJoinResult;
import ling.api.account.GroupMember;
import ling.api.account.Registration;
import ling.api.account.UserProfile;
import ling.api.chat.ChatService;
import ling.api.file.FileService;
import ling.common.Times;
import ling.common.push.PushPublisher;
import ling.common.db.Database;
import ling.common.db.Transactions;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The account service. Password hashing runs on worker threads; everything else is async SQL. */
final class AccountServiceImpl implements AccountService {

  private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LINK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LINK_CODE_LENGTH = 8;
  private static final long MAX_JSON_ID = 1L << 53;
  private static final Duration RESET_COOLDOWN = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final FileService files;
  private final Pool pool;
  private final AccountRules rules;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final SigningKeys keys;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordResetRepository resets;
  private final DeviceLinkRepository links;
  private final ResetMailer mailer;
  private final SessionRevoker revoker;
  private final Duration resetLifetime;
  private final int resetTries;
  private final int deviceLinkSeconds;
  private final String defaultFolderName;
  private final io.vertx.core.WorkerExecutor hashing;
  private final Friends friends;
  private final Groups groups;
  private final Presence presence;
  /** Verified against when the username is unknown, so both failures cost the same time. */
  private final String dummyHash;

  AccountServiceImpl(Vertx vertx, Pool pool, JsonObject config, SigningKeys keys, PasswordHasher hasher,
                     ResetMailer mailer) {
    JsonObject auth = config.getJsonObject("auth");
    this.vertx = vertx;
    this.files = FileService.createProxy(vertx);
    this.pool = pool;
    this.rules = new AccountRules(config.getJsonObject("limits"));
    this.hasher = hasher;
    this.keys = keys;
    this.tokens = new TokenIssuer(vertx, keys, auth);
    this.users = new UserRepository(pool);
    this.sessions = new SessionRepository(pool, Duration.ofDays(auth.getInteger("refreshTokenDays")));
    this.resets = new PasswordResetRepository(pool);
    this.links = new DeviceLinkRepository(pool);
    this.mailer = mailer;
    PushPublisher pushes = PushPublisher.from(vertx, config);
    this.revoker = new SessionRevoker(vertx, pushes, auth.getInteger("accessTokenSeconds"));
    this.resetLifetime = Duration.ofMinutes(auth.getInteger("resetCodeMinutes"));
    this.resetTries = auth.getInteger("resetCodeTries");
    this.deviceLinkSeconds = auth.getInteger("deviceLinkSeconds");
    this.defaultFolderName = config.getJsonObject("social").getString("defaultFolderName");
    this.dummyHash = hasher.hash(TokenIssuer.newSecret());
    this.hashing = vertx.createSharedWorkerExecutor("ling-password-hashing", auth.getInteger("hashingThreads"));
    UserEvents events = new UserEvents(pushes);
    ChatService chat = ChatService.createProxy(vertx);
    this.friends = new Friends(pool, users, rules, chat, events);
    this.groups = new Groups(vertx, pool, users, rules, chat, events, files);
    this.presence = new Presence(vertx, pool, events, config.getJsonObject("presence"));
  }

  /**
   * Before serving: learns this database's identity for the tokens, and puts back the revocations
   * that gateways check in the cluster's memory; returns how many.
   */
  Future<Integer> prepare() {
    return new InstallationRepository(pool).id()
        .onSuccess(tokens::installation)
        .compose(id -> revoker.restore(sessions));
  }

  void start() {
    presence.start();
  }

  void stop() {
    presence.stop();
    hashing.close();
  }

  @Override
  public Future<AuthResult> register(Registration registration) {
    return guard(() -> {
      if (registration == null) {
        throw Failures.invalid("body", "is required");
      }
      String username = rules.username(registration.getUsername());
      String password = rules.password("password", registration.getPassword());
      String displayName = registration.getDisplayName() == null
          ? username : rules.displayName(registration.getDisplayName());
      String email = rules.email(registration.getEmail());
      String phone = rules.phone(registration.getPhone());
      return blocking(() -> hasher.hash(password))
          .compose(hash -> users.insert(username, displayName, hash, email, phone, defaultFolderName))
          .recover(err -> UserRepository.isDuplicateKey(err)
              ? Future.failedFuture(Failures.of(USERNAME_TAKEN, "username is taken"))
              : Future.failedFuture(err))
          .compose(sessions::open)
          .compose(this::signedIn);
    });
  }

  @Override
  public Future<AuthResult> login(String username, String password) {
    return guard(() -> {
      if (!rules.plausibleUsername(username) || !rules.plausiblePassword(password)) {
        return Future.failedFuture(invalidCredentials());
      }
      return users.findByUsername(username)
          .compose(found -> {
            String hash = found.map(UserRow::passwordHash).orElse(dummyHash);
            return blocking(() -> hasher.verify(password, hash))
                .compose(ok -> ok && found.isPresent()
                    ? sessions.openIfPasswordUnchanged(found.get().id(), hash)
                    : Future.succeededFuture(null));
          })
          .compose(issued -> issued == null ? Future.failedFuture(invalidCredentials()) : signedIn(issued));
    });
  }

  @Override
  public Future<AuthResult> refresh(String refreshToken) {
    return guard(() -> {
      if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 128) {
        return Future.failedFuture(Failures.of(INVALID_TOKEN, "invalid refresh token"));
      }
      return sessions.rotate(refreshToken).compose(rotation -> {
        if (rotation.reusedSessionId() != null) {
          return revoker.revokeSession(rotation.reusedByUserId(), rotation.reusedSessionId())
              .otherwise(err -> logRevocationFailure(rotation.reusedByUserId(), err))
              .compose(x -> Future.failedFuture(Failures.of(INVALID_TOKEN,
                  "refresh token was already used; the session has been ended")));
        }
        if (rotation.issued() == null) {
          return Future.failedFuture(Failures.of(INVALID_TOKEN, "invalid refresh token"));
        }
        return signedIn(rotation.issued());
      });
    });
  }

  @Override
  public Future<Void> logout(String refreshToken) {
    return guard(() -> {
      if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 128) {
        return Future.succeededFuture();
      }
      return sessions.revokeByToken(refreshToken, "logout").compose(ended -> ended == null
          ? Future.succeededFuture()
          : revoker.revokeSession(ended.userId(), ended.sessionId())
              .otherwise(err -> logRevocationFailure(ended.userId(), err)));
    });
  }

  /** Answers at once whatever the account: the work (and its time) happens afterwards. */
  @Override
  public Future<Void> requestPasswordReset(String username) {
    if (rules.plausibleUsername(username)) {
      guard(() -> users.findByUsername(username).compose(found -> {
        if (found.isEmpty() || !mailer.canDeliver(found.get().email())) {
          return Future.succeededFuture();
        }
        UserRow user = found.get();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        return resets.store(user.id(), resetCodeHash(user.id(), code), resetLifetime, RESET_COOLDOWN)
            .compose(stored -> stored ? mailer.send(user.username(), user.email(), code) : Future.succeededFuture());
      }));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> confirmPasswordReset(String username, String code, String newPassword) {
    return guard(() -> {
      String password = rules.password("newPassword", newPassword);
      if (!rules.plausibleUsername(username) || code == null || !code.matches("[0-9]{6}")) {
        return Future.failedFuture(invalidCode());
      }
      return users.findByUsername(username).compose(found -> {
        if (found.isEmpty()) {
          // the same work as for a real account, so that timing does not tell them apart
          return blocking(() -> hasher.hash(password)).compose(x -> Future.failedFuture(invalidCode()));
        }
        long userId = found.get().id();
        return blocking(() -> hasher.hash(password))
            .compose(hash -> resets.redeem(userId, resetCodeHash(userId, code), resetTries,
                conn -> users.updatePasswordHash(conn, userId, hash)
                    .compose(x -> endEverySession(conn, userId, "password_reset"))))
            .compose(ok -> ok ? revokeAccess(userId) : Future.failedFuture(invalidCode()));
      });
    });
  }

  @Override
  public Future<Void> changePassword(long userId, String oldPassword, String newPassword) {
    return guard(() -> {
      String password = rules.password("newPassword", newPassword);
      if (!rules.plausiblePassword(oldPassword)) {
        return Future.failedFuture(Failures.of(WRONG_PASSWORD, "oldPassword is wrong"));
      }
      return existing(userId)
          .compose(user -> blocking(() -> hasher.verify(oldPassword, user.passwordHash())))
          .compose(ok -> ok ? blocking(() -> hasher.hash(password))
              : Future.failedFuture(Failures.of(WRONG_PASSWORD, "oldPassword is wrong")))
          .compose(hash -> Transactions.withRetry(pool, conn -> users.updatePasswordHash(conn, userId, hash)
              .compose(x -> endEverySession(conn, userId, "password_change"))))
          .compose(x -> revokeAccess(userId));
    });
  }

  @Override
  public Future<UserProfile> getOwnProfile(long userId) {
    return guard(() -> existing(userId).map(AccountServiceImpl::ownView));
  }

  @Override
  public Future<UserProfile> updateProfile(long userId, JsonObject changes) {
    return guard(() -> {
      if (changes == null) {
        throw Failures.invalid("body", "is required");
      }
      Map<String, Object> columns = new LinkedHashMap<>();
      for (String field : changes.fieldNames()) {
        Object value = changes.getValue(field);
        switch (field) {
          case "displayName" -> columns.put("display_name", rules.displayName(AccountRules.text(field, value)));
          case "signature" -> columns.put("signature", rules.signature(AccountRules.text(field, value)));
          case "email" -> columns.put("email", rules.email(AccountRules.text(field, value)));
          case "phone" -> columns.put("phone", rules.phone(AccountRules.text(field, value)));
          case "avatarFileId" -> columns.put("avatar_file_id", AccountRules.fileId(field, value));
          default -> throw Failures.invalid(field, "is not a profile field");
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
          .map(AccountServiceImpl::ownView);
    });
  }

  @Override
  public Future<UserProfile> getUser(long viewerId, long userId) {
    return guard(() -> users.findById(viewerId, userId).compose(found -> found
        .map(user -> Future.succeededFuture(publicView(user)))
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such user")))));
  }

  @Override
  public Future<List<UserProfile>> getUsers(long viewerId, List<Long> userIds) {
    return guard(() -> {
      if (userIds == null || userIds.size() > 1000) {
        throw Failures.invalid("userIds", "must list at most 1000 ids");
      }
      return users.findByIds(viewerId, userIds)
          .map(found -> userIds.stream().distinct().filter(found::containsKey)
              .map(id -> publicView(found.get(id))).toList());
    });
  }

  @Override
  public Future<List<UserProfile>> searchUsers(long viewerId, String query, Integer limit, Long beforeId) {
    return guard(() -> {
      String q = rules.searchQuery(query);
      int size = rules.limit(limit);
      if (beforeId != null && beforeId < 1) {
        throw Failures.invalid("beforeId", "must be a positive id");
      }
      return users.search(viewerId, AccountRules.escapeLike(q), size, beforeId)
          .map(rows -> rows.stream().map(AccountServiceImpl::publicView).toList());
    });
  }

  @Override
  public Future<DeviceLink> createDeviceLink() {
    return guard(() -> createDeviceLink(3));
  }

  private Future<DeviceLink> createDeviceLink(int triesLeft) {
    long id = 1 + (RANDOM.nextLong() & (MAX_JSON_ID - 1)) % (MAX_JSON_ID - 1);
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < LINK_CODE_LENGTH; i++) {
      code.append(LINK_ALPHABET.charAt(RANDOM.nextInt(LINK_ALPHABET.length())));
    }
    LocalDateTime expires = Times.nowUtc().plusSeconds(deviceLinkSeconds);
    return links.insert(id, code.toString(), expires)
        .map(x -> new DeviceLink().setLinkId(id).setCode(code.toString()).setExpiresIn(deviceLinkSeconds))
        .recover(err -> UserRepository.isDuplicateKey(err) && triesLeft > 1
            ? createDeviceLink(triesLeft - 1) : Future.failedFuture(err));
  }

  @Override
  public Future<Void> approveDeviceLink(long userId, String code) {
    return guard(() -> {
      String normalized = code == null ? "" : code.strip().replace("-", "").replace(" ", "").toUpperCase();
      if (normalized.length() != LINK_CODE_LENGTH
          || !normalized.chars().allMatch(c -> LINK_ALPHABET.indexOf(c) >= 0)) {
        throw Failures.invalid("code", "must be the " + LINK_CODE_LENGTH + "-character code the new device shows");
      }
      return existing(userId)
          .compose(user -> links.approve(normalized, userId))
          .compose(ok -> ok ? Future.<Void>succeededFuture()
              : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no pending device link with that code")));
    });
  }

  @Override
  public Future<DeviceLinkPoll> pollDeviceLink(long linkId) {
    return guard(() -> links.<Issued>poll(linkId, sessions::open).compose(poll -> switch (poll.state()) {
      case MISSING -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such device link"));
      case EXPIRED -> Future.failedFuture(Failures.of(LINK_EXPIRED, "the device link expired or was used"));
      case PENDING -> Future.succeededFuture(new DeviceLinkPoll().setStatus("pending"));
      case COLLECTED -> signedIn(poll.session()).map(auth -> new DeviceLinkPoll().setStatus("approved").setAuth(auth));
    }));
  }

  @Override
  public Future<FriendRequest> sendFriendRequest(long fromUserId, long toUserId, String message) {
    return guard(() -> friends.sendRequest(fromUserId, toUserId, message));
  }

  @Override
  public Future<List<FriendRequest>> listFriendRequests(long userId, String box) {
    return guard(() -> friends.pendingRequests(userId, box));
  }

  @Override
  public Future<Friend> acceptFriendRequest(long userId, long requestId, Long folderId, String remark) {
    return guard(() -> friends.accept(userId, requestId, folderId, remark));
  }

  @Override
  public Future<Void> rejectFriendRequest(long userId, long requestId) {
    return guard(() -> friends.reject(userId, requestId));
  }

  @Override
  public Future<List<Friend>> listFriends(long userId) {
    return guard(() -> friends.list(userId));
  }

  @Override
  public Future<Friend> updateFriend(long userId, long friendId, JsonObject changes) {
    return guard(() -> friends.update(userId, friendId, changes));
  }

  @Override
  public Future<Void> removeFriend(long userId, long friendId) {
    return guard(() -> friends.remove(userId, friendId));
  }

  @Override
  public Future<List<FriendFolder>> listFolders(long userId) {
    return guard(() -> friends.folders(userId));
  }

  @Override
  public Future<FriendFolder> createFolder(long userId, String name) {
    return guard(() -> friends.createFolder(userId, name));
  }

  @Override
  public Future<FriendFolder> renameFolder(long userId, long folderId, String name) {
    return guard(() -> friends.renameFolder(userId, folderId, name));
  }

  @Override
  public Future<Void> deleteFolder(long userId, long folderId) {
    return guard(() -> friends.deleteFolder(userId, folderId));
  }

  @Override
  public Future<Group> createGroup(long userId, JsonObject spec) {
    return guard(() -> groups.create(userId, spec));
  }

  @Override
  public Future<List<Group>> listGroups(long userId) {
    return guard(() -> groups.mine(userId));
  }

  @Override
  public Future<List<Group>> searchGroups(long userId, String query, Integer limit) {
    return guard(() -> groups.search(userId, query, limit));
  }

  @Override
  public Future<Group> getGroup(long userId, long groupId) {
    return guard(() -> groups.get(userId, groupId));
  }

  @Override
  public Future<Group> updateGroup(long userId, long groupId, JsonObject changes) {
    return guard(() -> groups.update(userId, groupId, changes));
  }

  @Override
  public Future<List<GroupMember>> listGroupMembers(long userId, long groupId) {
    return guard(() -> groups.members(userId, groupId));
  }

  @Override
  public Future<GroupJoinResult> joinGroup(long userId, long groupId, String message) {
    return guard(() -> groups.join(userId, groupId, message));
  }

  @Override
  public Future<List<GroupJoinRequest>> listGroupJoinRequests(long userId, long groupId) {
    return guard(() -> groups.joinRequests(userId, groupId));
  }

  @Override
  public Future<Void> decideGroupJoinRequest(long userId, long groupId, long requestId, boolean accept) {
    return guard(() -> groups.decide(userId, groupId, requestId, accept));
  }

  @Override
  public Future<List<GroupMember>> inviteGroupMembers(long userId, long groupId, List<Long> userIds) {
    return guard(() -> groups.invite(userId, groupId, userIds));
  }

  @Override
  public Future<Void> removeGroupMember(long userId, long groupId, long memberId) {
    return guard(() -> groups.remove(userId, groupId, memberId));
  }

  @Override
  public Future<GroupMember> setGroupNickname(long userId, long groupId, String nickname) {
    return guard(() -> groups.nickname(userId, groupId, nickname));
  }

  @Override
  public Future<GroupMember> setGroupRole(long userId, long groupId, long memberId, String role) {
    return guard(() -> groups.role(userId, groupId, memberId, role));
  }

  @Override
  public Future<Group> transferGroup(long userId, long groupId, long newOwnerId) {
    return guard(() -> groups.transfer(userId, groupId, newOwnerId));
  }

  @Override
  public Future<Void> dissolveGroup(long userId, long groupId) {
    return guard(() -> groups.dissolve(userId, groupId));
  }

  @Override
  public Future<Void> presenceReport(String nodeId, List<Long> openedUserIds, List<Long> closedUserIds) {
    return guard(() -> presence.report(validNode(nodeId), openedUserIds == null ? List.of() : openedUserIds,
        closedUserIds == null ? List.of() : closedUserIds));
  }

  @Override
  public Future<Void> nodeHeartbeat(String nodeId, List<Long> userIds) {
    return guard(() -> presence.heartbeat(validNode(nodeId), userIds == null ? List.of() : userIds));
  }

  @Override
  public Future<List<Long>> onlineAmong(List<Long> userIds) {
    return guard(() -> presence.onlineAmong(userIds == null ? List.of() : userIds));
  }

  private static String validNode(String nodeId) {
    if (nodeId == null || nodeId.isEmpty() || nodeId.length() > 64) {
      throw Failures.invalid("nodeId", "must be 1-64 characters");
    }
    return nodeId;
  }

  @Override
  public Future<String> accessTokenPublicKey() {
    return Future.succeededFuture(keys.publicPem());
  }

  @Override
  public Future<String> installationId() {
    return Future.succeededFuture(tokens.installation());
  }

  @Override
  public Future<JsonObject> health() {
    return Database.health(pool);
  }

  /** Refresh tokens and approved device links die in the transaction that changes the password. */
  private Future<Void> endEverySession(io.vertx.sqlclient.SqlConnection conn, long userId, String reason) {
    return sessions.revokeAllOfUser(conn, userId, reason).compose(x -> links.cancelApproved(conn, userId));
  }

  /** The password already changed: a failure here is logged, not turned into a failed change. */
  private Future<Void> revokeAccess(long userId) {
    return revoker.revokeAccess(userId).otherwise(err -> logRevocationFailure(userId, err));
  }

  private static Void logRevocationFailure(long userId, Throwable err) {
    LOG.error("could not void the access tokens of user {}: {}", userId, err.getMessage());
    return null;
  }

  private Future<AuthResult> signedIn(Issued issued) {
    return existing(issued.userId()).map(user -> new AuthResult()
        .setUser(ownView(user))
        .setAccessToken(tokens.accessToken(issued.userId(), issued.sessionId(), issued.checkedAt()))
        .setRefreshToken(issued.refreshToken())
        .setExpiresIn(tokens.accessSeconds()));
  }

  private Future<UserRow> existing(long userId) {
    return users.findById(userId).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such user"))));
  }

  /** On the hashing pool, whose size bounds the CPU and memory argon2 may take. */
  private <T> Future<T> blocking(Callable<T> work) {
    return hashing.executeBlocking(work, false);
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }

  private static ServiceException invalidCredentials() {
    return Failures.of(INVALID_CREDENTIALS, "wrong username or password");
  }

  private static ServiceException invalidCode() {
    return Failures.of(INVALID_CODE, "the code is wrong, expired or out of tries");
  }

  private static io.vertx.core.buffer.Buffer resetCodeHash(long userId, String code) {
    return TokenIssuer.sha256(userId + ":" + code);
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
}
