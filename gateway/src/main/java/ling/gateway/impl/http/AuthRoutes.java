package ling.gateway.impl.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import ling.api.account.AccountService;
import ling.api.account.Registration;
import ling.gateway.impl.GatewaySettings.RateLimits;
import ling.gateway.impl.Requests;
import ling.gateway.impl.http.LimitedAttempt.Limit;

/** {@code /auth/*} and {@code PUT /me/password}: sign-up, sign-in, tokens, password reset, device links. */
final class AuthRoutes {

  private final AccountService accounts;
  private final ClientAddresses clients;
  private final FailureLimiter loginsPerUser;
  private final FailureLimiter loginsPerUserAndAddress;
  private final FailureLimiter loginsPerAddress;
  private final FailureLimiter registrationsPerAddress;
  private final FailureLimiter resetsPerUser;
  private final FailureLimiter resetsPerAddress;
  private final FailureLimiter passwordChangesPerUser;
  private final FailureLimiter deviceLinksPerAddress;

  AuthRoutes(Vertx vertx, AccountService accounts, RateLimits rateLimit, ClientAddresses clients) {
    this.accounts = accounts;
    this.clients = clients;
    long loginWindow = rateLimit.loginWindowSeconds();
    long resetWindow = rateLimit.resetWindowSeconds();
    this.loginsPerUser = new FailureLimiter(vertx, "ling.limits.login-user",
        rateLimit.loginFailuresPerUser(), loginWindow);
    this.loginsPerUserAndAddress = new FailureLimiter(vertx, "ling.limits.login-user-address",
        rateLimit.loginFailuresPerUserAndAddress(), loginWindow);
    this.loginsPerAddress = new FailureLimiter(vertx, "ling.limits.login-address",
        rateLimit.loginFailuresPerAddress(), loginWindow);
    this.registrationsPerAddress = new FailureLimiter(vertx, "ling.limits.register-address",
        rateLimit.registrationsPerAddress(), rateLimit.registrationWindowSeconds());
    this.resetsPerUser = new FailureLimiter(vertx, "ling.limits.reset-user",
        rateLimit.resetFailuresPerUser(), resetWindow);
    this.resetsPerAddress = new FailureLimiter(vertx, "ling.limits.reset-address",
        rateLimit.resetFailuresPerAddress(), resetWindow);
    this.passwordChangesPerUser = new FailureLimiter(vertx, "ling.limits.password-change-user",
        rateLimit.passwordChangeFailuresPerUser(), loginWindow);
    this.deviceLinksPerAddress = new FailureLimiter(vertx, "ling.limits.device-link-address",
        rateLimit.deviceLinksPerAddress(), rateLimit.deviceLinkWindowSeconds());
  }

  void mount(Router api, io.vertx.core.Handler<RoutingContext> authenticated) {
    api.post("/auth/register").handler(this::register);
    api.post("/auth/login").handler(this::login);
    api.post("/auth/refresh").handler(this::refresh);
    api.post("/auth/logout").handler(this::logout);
    api.post("/auth/password-reset").handler(this::requestReset);
    api.post("/auth/password-reset/confirm").handler(this::confirmReset);
    api.post("/auth/device-link").handler(this::createDeviceLink);
    api.post("/auth/device-link/approve").handler(authenticated).handler(this::approveDeviceLink);
    api.get("/auth/device-link/:linkId").handler(this::pollDeviceLink);
    api.put("/me/password").handler(authenticated).handler(this::changePassword);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Registration registration = new Registration()
        .setUsername(Requests.requiredString(body, "username"))
        .setPassword(Requests.requiredString(body, "password"))
        .setDisplayName(Requests.optionalString(body, "displayName"))
        .setEmail(Requests.optionalString(body, "email"))
        .setPhone(Requests.optionalString(body, "phone"));
    Responses.answer(ctx, LimitedAttempt.run(
            List.of(new Limit(registrationsPerAddress, clients.of(ctx))),
            () -> accounts.register(registration), true, err -> false),
        auth -> Responses.json(ctx, 201, auth.toJson()));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = Requests.requiredString(body, "username");
    String password = Requests.requiredString(body, "password");
    Responses.answer(ctx, LimitedAttempt.run(
            // a stranger's guesses lock out their own address, not the owner's: the account's
            // own limit over all addresses is far higher, against guessing from many at once
            List.of(new Limit(loginsPerUserAndAddress, username.toLowerCase(Locale.ROOT) + "|" + clients.of(ctx)),
                new Limit(loginsPerUser, username.toLowerCase(Locale.ROOT)),
                new Limit(loginsPerAddress, clients.of(ctx))),
            () -> accounts.login(username, password), false, failedWith(AccountService.INVALID_CREDENTIALS)),
        auth -> Responses.json(ctx, 200, auth.toJson()));
  }

  private void refresh(RoutingContext ctx) {
    String token = Requests.requiredString(Requests.body(ctx), "refreshToken");
    Responses.answer(ctx, accounts.refresh(token), auth -> Responses.json(ctx, 200, auth.toJson()));
  }

  private void logout(RoutingContext ctx) {
    String token = Requests.requiredString(Requests.body(ctx), "refreshToken");
    Responses.answer(ctx, accounts.logout(token), x -> Responses.empty(ctx, 204));
  }

  private void requestReset(RoutingContext ctx) {
    String username = Requests.requiredString(Requests.body(ctx), "username");
    Responses.answer(ctx, accounts.requestPasswordReset(username), x -> Responses.empty(ctx, 202));
  }

  private void confirmReset(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = Requests.requiredString(body, "username");
    String code = Requests.requiredString(body, "code");
    String newPassword = Requests.requiredString(body, "newPassword");
    Responses.answer(ctx, LimitedAttempt.run(
            List.of(new Limit(resetsPerUser, username.toLowerCase(Locale.ROOT)),
                new Limit(resetsPerAddress, clients.of(ctx))),
            () -> accounts.confirmPasswordReset(username, code, newPassword), false,
            failedWith(AccountService.INVALID_CODE)),
        x -> Responses.empty(ctx, 204));
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String oldPassword = Requests.requiredString(body, "oldPassword");
    String newPassword = Requests.requiredString(body, "newPassword");
    long userId = Authenticated.userId(ctx);
    Responses.answer(ctx, LimitedAttempt.run(
            List.of(new Limit(passwordChangesPerUser, Long.toString(userId))),
            () -> accounts.changePassword(userId, oldPassword, newPassword), false,
            failedWith(AccountService.WRONG_PASSWORD)),
        x -> Responses.empty(ctx, 204));
  }

  private void createDeviceLink(RoutingContext ctx) {
    Requests.body(ctx, true);
    Responses.answer(ctx, LimitedAttempt.run(List.of(new Limit(deviceLinksPerAddress, clients.of(ctx))),
            accounts::createDeviceLink, true, err -> false),
        link -> Responses.json(ctx, 201, link.toJson()));
  }

  private void approveDeviceLink(RoutingContext ctx) {
    String code = Requests.requiredString(Requests.body(ctx), "code");
    Responses.answer(ctx, accounts.approveDeviceLink(Authenticated.userId(ctx), code), x -> Responses.empty(ctx, 204));
  }

  private void pollDeviceLink(RoutingContext ctx) {
    long linkId = Requests.pathId(ctx, "linkId");
    Responses.answer(ctx, accounts.pollDeviceLink(linkId), poll -> {
      if ("approved".equals(poll.getStatus())) {
        Responses.json(ctx, 200, poll.getAuth().toJson());
      } else {
        Responses.json(ctx, 202, new JsonObject().put("status", poll.getStatus()));
      }
    });
  }

  private static Predicate<Throwable> failedWith(int code) {
    return err -> err instanceof ServiceException e && e.failureCode() == code;
  }
}
