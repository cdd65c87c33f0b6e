package ling.gateway.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;
import java.util.Locale;
import ling.api.account.AccountService;
import ling.api.account.Registration;

/** {@code /auth/*} and {@code PUT /me/password}: sign-up, sign-in, tokens, password reset, device links. */
final class AuthRoutes {

  private final AccountService accounts;
  private final FailureLimiter loginsPerUser;
  private final FailureLimiter loginsPerAddress;
  private final FailureLimiter registrationsPerAddress;

  AuthRoutes(Vertx vertx, AccountService accounts, JsonObject rateLimit) {
    this.accounts = accounts;
    long loginWindow = rateLimit.getInteger("loginWindowSeconds");
    this.loginsPerUser = new FailureLimiter(vertx, "ling.limits.login-user",
        rateLimit.getInteger("loginFailuresPerUser"), loginWindow);
    this.loginsPerAddress = new FailureLimiter(vertx, "ling.limits.login-address",
        rateLimit.getInteger("loginFailuresPerAddress"), loginWindow);
    this.registrationsPerAddress = new FailureLimiter(vertx, "ling.limits.register-address",
        rateLimit.getInteger("registrationsPerAddress"), rateLimit.getInteger("registrationWindowSeconds"));
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
    String address = clientAddress(ctx);
    Responses.answer(ctx, limited(registrationsPerAddress.retryAfter(address))
            .compose(x -> accounts.register(registration))
            .compose(auth -> registrationsPerAddress.record(address).map(auth)),
        auth -> Responses.json(ctx, 201, auth.toJson()));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String username = Requests.requiredString(body, "username");
    String password = Requests.requiredString(body, "password");
    String userKey = username.toLowerCase(Locale.ROOT);
    String address = clientAddress(ctx);
    Future<Void> allowed = loginsPerUser.retryAfter(userKey)
        .compose(userWait -> loginsPerAddress.retryAfter(address).map(addressWait -> Math.max(userWait, addressWait)))
        .compose(wait -> limited(Future.succeededFuture(wait)));
    Responses.answer(ctx, allowed
            .compose(x -> accounts.login(username, password))
            .recover(err -> isInvalidCredentials(err)
                ? loginsPerUser.record(userKey).compose(y -> loginsPerAddress.record(address))
                    .compose(y -> Future.failedFuture(err))
                : Future.failedFuture(err)),
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
    Responses.answer(ctx, accounts.confirmPasswordReset(username, code, newPassword), x -> Responses.empty(ctx, 204));
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String oldPassword = Requests.requiredString(body, "oldPassword");
    String newPassword = Requests.requiredString(body, "newPassword");
    Responses.answer(ctx, accounts.changePassword(Authenticated.userId(ctx), oldPassword, newPassword),
        x -> Responses.empty(ctx, 204));
  }

  private void createDeviceLink(RoutingContext ctx) {
    Requests.body(ctx, true);
    Responses.answer(ctx, accounts.createDeviceLink(), link -> Responses.json(ctx, 201, link.toJson()));
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

  private static Future<Void> limited(Future<Long> retryAfter) {
    return retryAfter.compose(wait -> wait > 0
        ? Future.failedFuture(new RateLimited(wait))
        : Future.succeededFuture());
  }

  private static boolean isInvalidCredentials(Throwable err) {
    return err instanceof ServiceException e && e.failureCode() == AccountService.INVALID_CREDENTIALS;
  }

  static String clientAddress(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }
}
