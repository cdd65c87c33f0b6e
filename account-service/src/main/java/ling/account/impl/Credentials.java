package ling.account.impl;

import static ling.api.account.AccountService.INVALID_CODE;
import static ling.api.account.AccountService.INVALID_CREDENTIALS;
import static ling.api.account.AccountService.INVALID_TOKEN;
import static ling.api.account.AccountService.LINK_EXPIRED;
import static ling.api.account.AccountService.USERNAME_TAKEN;
import static ling.api.account.AccountService.WRONG_PASSWORD;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import ling.account.impl.SessionRepository.Issued;
import ling.account.impl.UserRepository.UserRow;
import ling.api.Failures;
import ling.api.account.AuthResult;
import ling.api.account.DeviceLink;
import ling.api.account.DeviceLinkPoll;
import ling.api.account.Registration;
import ling.common.Times;
import ling.common.db.Transactions;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a user is: signing up and in, sessions and their tokens, passwords and their reset, and
 * linking a new device. Password hashing runs on worker threads of its own.
 */
final class Credentials {

  private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LINK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int LINK_CODE_LENGTH = 8;
  private static final long MAX_JSON_ID = 1L << 53;
  private static final Duration RESET_COOLDOWN = Duration.ofSeconds(60);

  private final Pool pool;
  private final AccountRules rules;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordResetRepository resets;
  private final DeviceLinkRepository links;
  private final ResetMailer mailer;
  private final SessionRevoker revoker;
  private final Profiles profiles;
  private final Duration resetLifetime;
  private final int resetTries;
  private final int deviceLinkSeconds;
  private final String defaultFolderName;
  private final io.vertx.core.WorkerExecutor hashing;
  /** Verified against when the username is unknown, so both failures cost the same time. */
  private final String dummyHash;

  Credentials(Vertx vertx, Pool pool, JsonObject config, AccountRules rules, PasswordHasher hasher, TokenIssuer tokens,
              UserRepository users, SessionRepository sessions, SessionRevoker revoker, ResetMailer mailer,
              Profiles profiles) {
    JsonObject auth = config.getJsonObject("auth");
    this.pool = pool;
    this.rules = rules;
    this.hasher = hasher;
    this.tokens = tokens;
    this.users = users;
    this.sessions = sessions;
    this.resets = new PasswordResetRepository(pool);
    this.links = new DeviceLinkRepository(pool);
    this.mailer = mailer;
    this.revoker = revoker;
    this.profiles = profiles;
    this.resetLifetime = Duration.ofMinutes(auth.getInteger("resetCodeMinutes"));
    this.resetTries = auth.getInteger("resetCodeTries");
    this.deviceLinkSeconds = auth.getInteger("deviceLinkSeconds");
    this.defaultFolderName = config.getJsonObject("social").getString("defaultFolderName");
    this.dummyHash = hasher.hash(TokenIssuer.newSecret());
    this.hashing = vertx.createSharedWorkerExecutor("ling-password-hashing", auth.getInteger("hashingThreads"));
  }

  void close() {
    hashing.close();
  }

  Future<AuthResult> register(Registration registration) {
    return guard(() -> {
      if (registration == null) {
        throw Failures.invalid("body", "is required");
      }
      String username = rules.username(registration.getUsername());
      if (rules.reserved(username)) {
        // answered as a taken name: the reserved ones belong to the system's own accounts
        throw Failures.of(USERNAME_TAKEN, "username is taken");
      }
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

  Future<AuthResult> login(String username, String password) {
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

  Future<AuthResult> refresh(String refreshToken) {
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

  Future<Void> logout(String refreshToken) {
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
  Future<Void> requestPasswordReset(String username) {
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

  Future<Void> confirmPasswordReset(String username, String code, String newPassword) {
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

  Future<Void> changePassword(long userId, String oldPassword, String newPassword) {
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

  Future<DeviceLink> createDeviceLink() {
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

  Future<Void> approveDeviceLink(long userId, String code) {
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

  Future<DeviceLinkPoll> pollDeviceLink(long linkId) {
    return guard(() -> links.<Issued>poll(linkId, sessions::open).compose(poll -> switch (poll.state()) {
      case MISSING -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such device link"));
      case EXPIRED -> Future.failedFuture(Failures.of(LINK_EXPIRED, "the device link expired or was used"));
      case PENDING -> Future.succeededFuture(new DeviceLinkPoll().setStatus("pending"));
      case COLLECTED -> signedIn(poll.session()).map(auth -> new DeviceLinkPoll().setStatus("approved").setAuth(auth));
    }));
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
        .setUser(Profiles.ownView(user))
        .setAccessToken(tokens.accessToken(issued.userId(), issued.sessionId(), issued.checkedAt()))
        .setRefreshToken(issued.refreshToken())
        .setExpiresIn(tokens.accessSeconds()));
  }

  /** On the hashing pool, whose size bounds the CPU and memory argon2 may take. */
  private <T> Future<T> blocking(Callable<T> work) {
    return hashing.executeBlocking(work, false);
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

  private Future<UserRow> existing(long userId) {
    return profiles.existing(userId);
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }
}
