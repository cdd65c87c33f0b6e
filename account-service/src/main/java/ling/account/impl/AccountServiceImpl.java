package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import ling.api.Failures;
import ling.api.ServiceHealth;
import ling.api.account.AccountService;
import ling.api.account.AuthResult;
import ling.api.account.DeviceLink;
import ling.api.account.DeviceLinkPoll;
import ling.api.account.Friend;
import ling.api.account.FriendChanges;
import ling.api.account.FriendFolder;
import ling.api.account.FriendRequest;
import ling.api.account.Group;
import ling.api.account.GroupChanges;
import ling.api.account.GroupJoinRequest;
import ling.api.account.GroupJoinResult;
import ling.api.account.GroupMember;
import ling.api.account.GroupSpec;
import ling.api.account.ProfileChanges;
import ling.api.account.Registration;
import ling.api.account.UserProfile;
import ling.api.chat.ChatService;
import ling.api.file.FileService;
import ling.common.push.PushPublisher;
import ling.common.db.Database;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account service: who users are ({@link Credentials}), how they appear ({@link Profiles}),
 * their friends, groups and presence, each in a class of its own; this one answers the bus.
 */
final class AccountServiceImpl implements AccountService {

  private static final Logger LOG = LoggerFactory.getLogger(AccountServiceImpl.class);

  private final Pool pool;
  private final TokenIssuer tokens;
  private final SigningKeys keys;
  private final SessionRepository sessions;
  private final SessionRevoker revoker;
  private final Credentials credentials;
  private final Profiles profiles;
  private final Friends friends;
  private final AssistantAccounts assistants;
  private final Groups groups;
  private final Presence presence;
  private final MembershipRelay relay;

  AccountServiceImpl(Vertx vertx, Pool pool, JsonObject config, SigningKeys keys, PasswordHasher hasher,
                     ResetMailer mailer) {
    JsonObject auth = config.getJsonObject("auth");
    FileService files = FileService.createProxy(vertx);
    this.pool = pool;
    AccountRules rules = new AccountRules(config.getJsonObject("limits"),
        java.util.Set.of(config.getJsonObject("assistant").getString("username")));
    this.keys = keys;
    this.tokens = new TokenIssuer(vertx, keys, auth);
    UserRepository users = new UserRepository(pool);
    this.sessions = new SessionRepository(pool, Duration.ofDays(auth.getInteger("refreshTokenDays")));
    PushPublisher pushes = PushPublisher.from(vertx, config);
    this.revoker = new SessionRevoker(vertx, pushes, auth.getInteger("accessTokenSeconds"));
    this.profiles = new Profiles(users, files, rules);
    this.credentials = new Credentials(vertx, pool, config, rules, hasher, tokens, users, sessions, revoker, mailer,
        profiles);
    UserEvents events = new UserEvents(pushes);
    JsonObject membership = config.getJsonObject("membership");
    OutboxRepository outbox = new OutboxRepository(pool);
    this.relay = new MembershipRelay(vertx, outbox,
        ChatService.createProxyWithTimeout(vertx, membership.getLong("deliveryTimeoutMillis")), membership);
    this.friends = new Friends(pool, users, rules, outbox, relay, events);
    this.assistants = new AssistantAccounts(users, friends, rules,
        config.getJsonObject("social").getString("defaultFolderName"));
    this.groups = new Groups(vertx, pool, users, rules, outbox, relay, events, files);
    undeliveredGauge(config, relay);
    relay.onOpened((change, conversationId, late) -> change.direct()
        ? friends.conversationOpened(change.getUserIds().get(0), change.getUserIds().get(1), conversationId, late)
        : groups.conversationOpened(change.getGroupId(), conversationId, late));
    this.presence = new Presence(vertx, pool, events, config.getJsonObject("presence"));
  }

  /** Group and friendship changes the chat service has not applied yet, as {@code ling_membership_undelivered}. */
  private static void undeliveredGauge(JsonObject config, MembershipRelay relay) {
    io.micrometer.core.instrument.MeterRegistry registry = io.vertx.micrometer.backends.BackendRegistries.getNow(
        config.getJsonObject("metrics", new JsonObject()).getString("registryName", "ling"));
    if (registry != null) {
      io.micrometer.core.instrument.Gauge.builder("ling.membership.undelivered", relay, MembershipRelay::undelivered)
          .description("membership changes committed that the chat service has not applied yet")
          .register(registry);
    }
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
    relay.start();
  }

  void stop() {
    presence.stop();
    relay.stop();
    credentials.close();
  }

  @Override
  public Future<AuthResult> register(Registration registration) {
    return credentials.register(registration);
  }

  @Override
  public Future<AuthResult> login(String username, String password) {
    return credentials.login(username, password);
  }

  @Override
  public Future<AuthResult> refresh(String refreshToken) {
    return credentials.refresh(refreshToken);
  }

  @Override
  public Future<Void> logout(String refreshToken) {
    return credentials.logout(refreshToken);
  }

  @Override
  public Future<Void> requestPasswordReset(String username) {
    return credentials.requestPasswordReset(username);
  }

  @Override
  public Future<Void> confirmPasswordReset(String username, String code, String newPassword) {
    return credentials.confirmPasswordReset(username, code, newPassword);
  }

  @Override
  public Future<Void> changePassword(long userId, String oldPassword, String newPassword) {
    return credentials.changePassword(userId, oldPassword, newPassword);
  }

  @Override
  public Future<DeviceLink> createDeviceLink() {
    return credentials.createDeviceLink();
  }

  @Override
  public Future<Void> approveDeviceLink(long userId, String code) {
    return credentials.approveDeviceLink(userId, code);
  }

  @Override
  public Future<DeviceLinkPoll> pollDeviceLink(long linkId) {
    return credentials.pollDeviceLink(linkId);
  }

  @Override
  public Future<UserProfile> getOwnProfile(long userId) {
    return profiles.getOwnProfile(userId);
  }

  @Override
  public Future<UserProfile> updateProfile(long userId, ProfileChanges changes) {
    return profiles.updateProfile(userId, changes);
  }

  @Override
  public Future<UserProfile> getUser(long viewerId, long userId) {
    return profiles.getUser(viewerId, userId);
  }

  @Override
  public Future<List<UserProfile>> getUsers(long viewerId, List<Long> userIds) {
    return profiles.getUsers(viewerId, userIds);
  }

  @Override
  public Future<List<UserProfile>> searchUsers(long viewerId, String query, Integer limit, Long beforeId) {
    return profiles.searchUsers(viewerId, query, limit, beforeId);
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
  public Future<UserProfile> assistantAccount(String username, String displayName) {
    return guard(() -> assistants.account(username, displayName));
  }

  @Override
  public Future<Friend> assistantContact(long userId, long assistantId) {
    return guard(() -> assistants.contact(userId, assistantId));
  }

  @Override
  public Future<List<Friend>> listFriends(long userId) {
    return guard(() -> friends.list(userId));
  }

  @Override
  public Future<Friend> updateFriend(long userId, long friendId, FriendChanges changes) {
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
  public Future<Group> createGroup(long userId, GroupSpec spec) {
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
  public Future<Group> updateGroup(long userId, long groupId, GroupChanges changes) {
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
  public Future<ServiceHealth> health() {
    return Database.health(pool);
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }
}
