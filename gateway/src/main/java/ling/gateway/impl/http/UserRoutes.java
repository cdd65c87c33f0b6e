package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ling.api.account.AccountService;
import ling.api.account.ProfileChanges;
import ling.api.account.UserProfile;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.Requests;

/** {@code /me} and {@code /users}: profiles and user search. */
final class UserRoutes {

  private final AccountService accounts;

  UserRoutes(AccountService accounts) {
    this.accounts = accounts;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.get("/me").handler(authenticated).handler(this::me);
    api.patch("/me").handler(authenticated).handler(this::updateMe);
    api.get("/users/search").handler(authenticated).handler(this::search);
    api.get("/users/:id").handler(authenticated).handler(this::user);
  }

  private void me(RoutingContext ctx) {
    Responses.answer(ctx, accounts.getOwnProfile(Authenticated.userId(ctx)),
        profile -> Responses.json(ctx, 200, profile.toJson()));
  }

  private void updateMe(RoutingContext ctx) {
    ProfileChanges changes = ProfileChanges.from(Requests.body(ctx));
    Responses.answer(ctx, accounts.updateProfile(Authenticated.userId(ctx), changes),
        profile -> Responses.json(ctx, 200, profile.toJson()));
  }

  private void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q == null) {
      throw ApiException.invalid("q", "is required");
    }
    Integer limit = Requests.queryInt(ctx, "limit", null);
    Long beforeId = Requests.queryId(ctx, "beforeId");
    Responses.answer(ctx, accounts.searchUsers(Authenticated.userId(ctx), q, limit, beforeId),
        users -> Responses.json(ctx, 200, FriendRoutes.array(users, UserProfile::toJson)));
  }

  private void user(RoutingContext ctx) {
    Responses.answer(ctx, accounts.getUser(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        profile -> Responses.json(ctx, 200, profile.toJson()));
  }
}
