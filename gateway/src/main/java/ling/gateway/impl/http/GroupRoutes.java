package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import ling.api.account.AccountService;
import ling.api.account.GroupChanges;
import ling.api.account.GroupSpec;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.Requests;

/** {@code /groups}: group chats, their members, roles, nicknames and join requests. */
final class GroupRoutes {

  private final AccountService accounts;

  GroupRoutes(AccountService accounts) {
    this.accounts = accounts;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.post("/groups").handler(authenticated).handler(this::create);
    api.get("/groups").handler(authenticated).handler(this::mine);
    api.get("/groups/search").handler(authenticated).handler(this::search);
    api.get("/groups/:id").handler(authenticated).handler(this::get);
    api.patch("/groups/:id").handler(authenticated).handler(this::update);
    api.delete("/groups/:id").handler(authenticated).handler(this::dissolve);
    api.get("/groups/:id/members").handler(authenticated).handler(this::members);
    api.post("/groups/:id/members").handler(authenticated).handler(this::invite);
    api.patch("/groups/:id/members/me").handler(authenticated).handler(this::nickname);
    api.patch("/groups/:id/members/:userId").handler(authenticated).handler(this::role);
    api.delete("/groups/:id/members/:userId").handler(authenticated).handler(this::remove);
    api.post("/groups/:id/join").handler(authenticated).handler(this::join);
    api.get("/groups/:id/join-requests").handler(authenticated).handler(this::joinRequests);
    api.post("/groups/:id/join-requests/:requestId/accept").handler(authenticated).handler(ctx -> decide(ctx, true));
    api.post("/groups/:id/join-requests/:requestId/reject").handler(authenticated).handler(ctx -> decide(ctx, false));
    api.post("/groups/:id/transfer").handler(authenticated).handler(this::transfer);
  }

  private void create(RoutingContext ctx) {
    GroupSpec spec = GroupSpec.from(Requests.body(ctx));
    Responses.answer(ctx, accounts.createGroup(Authenticated.userId(ctx), spec),
        group -> Responses.json(ctx, 201, group.toJson()));
  }

  private void mine(RoutingContext ctx) {
    Responses.answer(ctx, accounts.listGroups(Authenticated.userId(ctx)),
        groups -> Responses.json(ctx, 200, FriendRoutes.array(groups, g -> g.toJson())));
  }

  private void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q == null) {
      throw ApiException.invalid("q", "is required");
    }
    Responses.answer(ctx, accounts.searchGroups(Authenticated.userId(ctx), q, Requests.queryInt(ctx, "limit", null)),
        groups -> Responses.json(ctx, 200, FriendRoutes.array(groups, g -> g.toJson())));
  }

  private void get(RoutingContext ctx) {
    Responses.answer(ctx, accounts.getGroup(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        group -> Responses.json(ctx, 200, group.toJson()));
  }

  private void update(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    GroupChanges changes = GroupChanges.from(Requests.body(ctx));
    Responses.answer(ctx, accounts.updateGroup(Authenticated.userId(ctx), groupId, changes),
        group -> Responses.json(ctx, 200, group.toJson()));
  }

  private void dissolve(RoutingContext ctx) {
    Responses.answer(ctx, accounts.dissolveGroup(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        x -> Responses.empty(ctx, 204));
  }

  private void members(RoutingContext ctx) {
    Responses.answer(ctx, accounts.listGroupMembers(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        members -> Responses.json(ctx, 200, FriendRoutes.array(members, m -> m.toJson())));
  }

  private void invite(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    List<Long> userIds = Requests.requiredIdList(Requests.body(ctx), "userIds", 500);
    Responses.answer(ctx, accounts.inviteGroupMembers(Authenticated.userId(ctx), groupId, userIds),
        added -> Responses.json(ctx, 200, FriendRoutes.array(added, m -> m.toJson())));
  }

  private void nickname(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    JsonObject body = Requests.body(ctx);
    if (!body.containsKey("nickname")) {
      throw ApiException.invalid("nickname", "is required (null clears it)");
    }
    Responses.answer(ctx, accounts.setGroupNickname(Authenticated.userId(ctx), groupId,
            Requests.optionalString(body, "nickname")),
        member -> Responses.json(ctx, 200, member.toJson()));
  }

  private void role(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    long memberId = Requests.pathId(ctx, "userId");
    String role = Requests.requiredString(Requests.body(ctx), "role");
    Responses.answer(ctx, accounts.setGroupRole(Authenticated.userId(ctx), groupId, memberId, role),
        member -> Responses.json(ctx, 200, member.toJson()));
  }

  private void remove(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    long userId = Authenticated.userId(ctx);
    long memberId = "me".equals(ctx.pathParam("userId")) ? userId : Requests.pathId(ctx, "userId");
    Responses.answer(ctx, accounts.removeGroupMember(userId, groupId, memberId), x -> Responses.empty(ctx, 204));
  }

  private void join(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    String message = Requests.optionalString(Requests.body(ctx, true), "message");
    Responses.answer(ctx, accounts.joinGroup(Authenticated.userId(ctx), groupId, message), result -> {
      if ("joined".equals(result.getStatus())) {
        Responses.json(ctx, 200, new JsonObject().put("status", "joined").put("group", result.getGroup().toJson()));
      } else {
        Responses.json(ctx, 202, new JsonObject().put("status", "pending")
            .put("request", result.getRequest().toJson()));
      }
    });
  }

  private void joinRequests(RoutingContext ctx) {
    Responses.answer(ctx, accounts.listGroupJoinRequests(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        requests -> Responses.json(ctx, 200, FriendRoutes.array(requests, r -> r.toJson())));
  }

  private void decide(RoutingContext ctx, boolean accept) {
    long groupId = Requests.pathId(ctx, "id");
    long requestId = Requests.pathId(ctx, "requestId");
    Responses.answer(ctx, accounts.decideGroupJoinRequest(Authenticated.userId(ctx), groupId, requestId, accept),
        x -> Responses.empty(ctx, 204));
  }

  private void transfer(RoutingContext ctx) {
    long groupId = Requests.pathId(ctx, "id");
    long newOwner = Requests.requiredId(Requests.body(ctx), "userId");
    Responses.answer(ctx, accounts.transferGroup(Authenticated.userId(ctx), groupId, newOwner),
        group -> Responses.json(ctx, 200, group.toJson()));
  }

}
