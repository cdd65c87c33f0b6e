package ling.api.account;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;
import ling.api.ServiceHealth;

/**
 * Users and their credentials. Every method validates its own input: callers are trusted to be
 * cluster members, not to have checked anything.
 *
 * <p>Failures are {@code ServiceException}s with a code from {@link ling.api.Failures} or one of
 * the codes below.
 *
 * <p>The partial updates and {@link #createGroup} take data objects that record which fields the
 * client gave, so that a field left out stays as it is while one set to null clears it. Their
 * {@code from(body)} refuses an unknown field or a value of the wrong JSON type by name before
 * anything is sent here (the gateway calls it); the service applies the value rules (lengths,
 * limits, what an id must name) and the authorization.
 */
@ProxyGen
@VertxGen
public interface AccountService {

  String ADDRESS = "account.service";

  /** Login with an unknown username or a wrong password: the two are indistinguishable. */
  int INVALID_CREDENTIALS = 40101;
  /** A refresh token that is unknown, expired, revoked or already rotated. */
  int INVALID_TOKEN = 40102;
  /** A password-reset code that is wrong, expired or out of tries. */
  int INVALID_CODE = 40001;
  /** The old password given to a password change is wrong. */
  int WRONG_PASSWORD = 40002;
  int USERNAME_TAKEN = 40901;
  /** A friend request to oneself. */
  int SELF_REQUEST = 40902;
  int ALREADY_FRIENDS = 40903;
  /** A pending request between the two users exists already (in either direction). */
  int REQUEST_PENDING = 40904;
  /** The friend request was already accepted or rejected. */
  int REQUEST_CLOSED = 40905;
  /** A contact folder of that name exists. */
  int FOLDER_EXISTS = 40906;
  /** The default contact folder cannot be deleted. */
  int DEFAULT_FOLDER = 40907;
  /** Already a member of the group. */
  int ALREADY_MEMBER = 40908;
  /** The group has reached its member limit. */
  int GROUP_FULL = 40909;
  /** The owner must transfer the group or dissolve it instead of leaving. */
  int OWNER_CANNOT_LEAVE = 40910;
  /** A device link that expired or was already used. */
  int LINK_EXPIRED = 41001;

  static AccountService createProxy(Vertx vertx) {
    return new AccountServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /** Creates an account and signs it in. */
  Future<AuthResult> register(Registration registration);

  Future<AuthResult> login(String username, String password);

  /** Rotates a refresh token; reusing a rotated one revokes its whole family. */
  Future<AuthResult> refresh(String refreshToken);

  /** Ends the session of one refresh token; unknown tokens are ignored. */
  Future<Void> logout(String refreshToken);

  /** Sends a reset code to the account's email if the account exists; succeeds either way. */
  Future<Void> requestPasswordReset(String username);

  /** Sets a new password with an emailed code and revokes every session of the account. */
  Future<Void> confirmPasswordReset(String username, String code, String newPassword);

  /** Sets a new password and revokes every session of the account. */
  Future<Void> changePassword(long userId, String oldPassword, String newPassword);

  /** The owner's own profile, with email, phone and creation time. */
  Future<UserProfile> getOwnProfile(long userId);

  /**
   * Applies a partial update: fields absent are left alone; {@code null} clears the optional
   * ones (signature, phone, email, avatarFileId).
   */
  Future<UserProfile> updateProfile(long userId, ProfileChanges changes);

  /** Public profiles of the users with these ids (unknown ones are left out), as the viewer sees them. */
  Future<List<UserProfile>> getUsers(long viewerId, List<Long> userIds);

  /** Another user's public profile; {@code online} only shows to the user's friends. */
  Future<UserProfile> getUser(long viewerId, long userId);

  /**
   * Users whose username or display name contains {@code query}, case-insensitively, newest
   * first; {@code limit} defaults to the page size, {@code beforeId} pages backwards.
   */
  Future<List<UserProfile>> searchUsers(long viewerId, String query, @Nullable Integer limit, @Nullable Long beforeId);

  /** Starts a sign-in for a new device; the code is shown there and approved elsewhere. */
  Future<DeviceLink> createDeviceLink();

  /** A signed-in user lends their account to the device showing {@code code}. */
  Future<Void> approveDeviceLink(long userId, String code);

  /** The state of a device link; tokens are handed out exactly once. */
  Future<DeviceLinkPoll> pollDeviceLink(long linkId);

  // ---- friends

  /** Asks another user to be friends; they are told with a {@code friend.request} event. */
  Future<FriendRequest> sendFriendRequest(long fromUserId, long toUserId, @Nullable String message);

  /** Pending requests: {@code incoming} (to the user) or {@code outgoing} (from the user), newest first. */
  Future<List<FriendRequest>> listFriendRequests(long userId, String box);

  /**
   * The recipient accepts, optionally into one of their folders with a remark; both sides get
   * {@code friend.added} and their direct conversation exists from now on.
   */
  Future<Friend> acceptFriendRequest(long userId, long requestId, @Nullable Long folderId, @Nullable String remark);

  /** The recipient declines; the sender is not told. */
  Future<Void> rejectFriendRequest(long userId, long requestId);

  Future<List<Friend>> listFriends(long userId);

  /**
   * The assistant's own account, made on the first call: a user with a reserved username whom
   * nobody can sign in as. Fails with {@link #USERNAME_TAKEN} if a person holds that username.
   */
  Future<UserProfile> assistantAccount(String username, String displayName);

  /**
   * The assistant as the user's friend, made friends on the first call (their conversation is
   * opened by the chat service; its id is 0 while the chat service is away).
   */
  Future<Friend> assistantContact(long userId, long assistantId);

  /** Changes the remark ({@code null} clears it) and/or the folder ({@code groupId}) of a friend. */
  Future<Friend> updateFriend(long userId, long friendId, FriendChanges changes);

  /** Ends a friendship for both sides (both get {@code friend.removed}); the history stays. */
  Future<Void> removeFriend(long userId, long friendId);

  // ---- contact folders

  Future<List<FriendFolder>> listFolders(long userId);

  Future<FriendFolder> createFolder(long userId, String name);

  Future<FriendFolder> renameFolder(long userId, long folderId, String name);

  /** Deletes a folder; its friends move to the default folder. */
  Future<Void> deleteFolder(long userId, long folderId);

  // ---- groups

  /** The creator owns the group; its members must be their friends. */
  Future<Group> createGroup(long userId, GroupSpec spec);

  /** The groups the user is a member of. */
  Future<List<Group>> listGroups(long userId);

  /** Groups whose name contains the query; invite-only groups only for their members. */
  Future<List<Group>> searchGroups(long userId, String query, @Nullable Integer limit);

  Future<Group> getGroup(long userId, long groupId);

  /** By the owner or an admin. */
  Future<Group> updateGroup(long userId, long groupId, GroupChanges changes);

  /** Members of the group; of an invite-only group, for its members only. */
  Future<List<GroupMember>> listGroupMembers(long userId, long groupId);

  /** Joins an open group, or asks to join one that needs approval. */
  Future<GroupJoinResult> joinGroup(long userId, long groupId, @Nullable String message);

  /** Pending join requests, for the owner and admins. */
  Future<List<GroupJoinRequest>> listGroupJoinRequests(long userId, long groupId);

  /** The owner or an admin accepts or rejects a join request. */
  Future<Void> decideGroupJoinRequest(long userId, long groupId, long requestId, boolean accept);

  /** A member adds friends of theirs; those already in are left alone. */
  Future<List<GroupMember>> inviteGroupMembers(long userId, long groupId, List<Long> userIds);

  /** Leaves (the user themselves) or removes a member (owner, or an admin removing a member). */
  Future<Void> removeGroupMember(long userId, long groupId, long memberId);

  /** The user's own name in the group; blank or null clears it. */
  Future<GroupMember> setGroupNickname(long userId, long groupId, @Nullable String nickname);

  /** The owner makes a member an admin or back. */
  Future<GroupMember> setGroupRole(long userId, long groupId, long memberId, String role);

  /** The owner hands the group to a member and becomes an admin. */
  Future<Group> transferGroup(long userId, long groupId, long newOwnerId);

  /** The owner ends the group for everyone. */
  Future<Void> dissolveGroup(long userId, long groupId);

  // ---- presence, reported by gateways

  /**
   * A gateway node's changes since its last report: users whose first socket opened there and
   * users whose last socket there closed. A node sends one report at a time, in order.
   */
  Future<Void> presenceReport(String nodeId, List<Long> openedUserIds, List<Long> closedUserIds);

  /**
   * A gateway node is alive and holds sockets of exactly these users; presence is reconciled to
   * it. Nodes that stop calling this are taken for dead and their users go offline.
   */
  Future<Void> nodeHeartbeat(String nodeId, List<Long> userIds);

  /** Those of the users who have at least one socket open on some gateway. */
  Future<List<Long>> onlineAmong(List<Long> userIds);

  /** The PEM public key that verifies access tokens. */
  Future<String> accessTokenPublicKey();

  /** The id of this installation (its database), which access tokens carry as {@code inst}. */
  Future<String> installationId();

  /** UP exactly when the service's database answers. */
  Future<ServiceHealth> health();
}
