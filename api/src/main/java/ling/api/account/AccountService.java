package ling.api.account;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Users and their credentials. Every method validates its own input: callers are trusted to be
 * cluster members, not to have checked anything.
 *
 * <p>Failures are {@code ServiceException}s with a code from {@link ling.api.Failures} or one of
 * the codes below.
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
  Future<UserProfile> updateProfile(long userId, JsonObject changes);

  /** Another user's public profile. */
  Future<UserProfile> getUser(long userId);

  /**
   * Users whose username or display name contains {@code query}, case-insensitively, newest
   * first; {@code limit} defaults to the page size, {@code beforeId} pages backwards.
   */
  Future<List<UserProfile>> searchUsers(String query, @Nullable Integer limit, @Nullable Long beforeId);

  /** Starts a sign-in for a new device; the code is shown there and approved elsewhere. */
  Future<DeviceLink> createDeviceLink();

  /** A signed-in user lends their account to the device showing {@code code}. */
  Future<Void> approveDeviceLink(long userId, String code);

  /** The state of a device link; tokens are handed out exactly once. */
  Future<DeviceLinkPoll> pollDeviceLink(long linkId);

  /** The PEM public key that verifies access tokens. */
  Future<String> accessTokenPublicKey();

  /** {@code {"status":"UP"|"DOWN", ...}} including the database check. */
  Future<JsonObject> health();
}
