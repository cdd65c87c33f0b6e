package ling.gateway.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import ling.api.account.AccountService;
import ling.api.account.FriendChanges;
import ling.gateway.impl.Requests;

/** {@code /friend-requests}, {@code /friends} and {@code /friend-groups} (contact folders). */
final class FriendRoutes {

  private final AccountService accounts;

  FriendRoutes(AccountService accounts) {
    this.accounts = accounts;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.post("/friend-requests").handler(authenticated).handler(this::sendRequest);
    api.get("/friend-requests").handler(authenticated).handler(this::listRequests);
    api.post("/friend-requests/:id/accept").handler(authenticated).handler(this::accept);
    api.post("/friend-requests/:id/reject").handler(authenticated).handler(this::reject);
    api.get("/friends").handler(authenticated).handler(this::listFriends);
    api.patch("/friends/:userId").handler(authenticated).handler(this::updateFriend);
    api.delete("/friends/:userId").handler(authenticated).handler(this::removeFriend);
    api.get("/friend-groups").handler(authenticated).handler(this::listFolders);
    api.post("/friend-groups").handler(authenticated).handler(this::createFolder);
    api.patch("/friend-groups/:id").handler(authenticated).handler(this::renameFolder);
    api.delete("/friend-groups/:id").handler(authenticated).handler(this::deleteFolder);
  }

  private void sendRequest(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    long to = Requests.requiredId(body, "toUserId");
    String message = Requests.optionalString(body, "message");
    Responses.answer(ctx, accounts.sendFriendRequest(Authenticated.userId(ctx), to, message),
        request -> Responses.json(ctx, 201, request.toJson()));
  }

  private void listRequests(RoutingContext ctx) {
    String box = ctx.queryParams().get("box");
    Responses.answer(ctx, accounts.listFriendRequests(Authenticated.userId(ctx), box == null ? "incoming" : box),
        requests -> Responses.json(ctx, 200, array(requests, r -> r.toJson())));
  }

  private void accept(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx, true);
    Long folderId = Requests.optionalId(body, "groupId");
    String remark = Requests.optionalString(body, "remark");
    Responses.answer(ctx, accounts.acceptFriendRequest(Authenticated.userId(ctx), Requests.pathId(ctx, "id"),
            folderId, remark),
        friend -> Responses.json(ctx, 200, new JsonObject().put("friend", friend.toJson())));
  }

  private void reject(RoutingContext ctx) {
    Responses.answer(ctx, accounts.rejectFriendRequest(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        x -> Responses.empty(ctx, 204));
  }

  private void listFriends(RoutingContext ctx) {
    Responses.answer(ctx, accounts.listFriends(Authenticated.userId(ctx)),
        friends -> Responses.json(ctx, 200, array(friends, f -> f.toJson())));
  }

  private void updateFriend(RoutingContext ctx) {
    long friendId = Requests.pathId(ctx, "userId");
    FriendChanges changes = FriendChanges.from(Requests.body(ctx));
    Responses.answer(ctx, accounts.updateFriend(Authenticated.userId(ctx), friendId, changes),
        friend -> Responses.json(ctx, 200, friend.toJson()));
  }

  private void removeFriend(RoutingContext ctx) {
    Responses.answer(ctx, accounts.removeFriend(Authenticated.userId(ctx), Requests.pathId(ctx, "userId")),
        x -> Responses.empty(ctx, 204));
  }

  private void listFolders(RoutingContext ctx) {
    Responses.answer(ctx, accounts.listFolders(Authenticated.userId(ctx)),
        folders -> Responses.json(ctx, 200, array(folders, f -> f.toJson())));
  }

  private void createFolder(RoutingContext ctx) {
    String name = Requests.requiredString(Requests.body(ctx), "name");
    Responses.answer(ctx, accounts.createFolder(Authenticated.userId(ctx), name),
        folder -> Responses.json(ctx, 201, folder.toJson()));
  }

  private void renameFolder(RoutingContext ctx) {
    long folderId = Requests.pathId(ctx, "id");
    String name = Requests.requiredString(Requests.body(ctx), "name");
    Responses.answer(ctx, accounts.renameFolder(Authenticated.userId(ctx), folderId, name),
        folder -> Responses.json(ctx, 200, folder.toJson()));
  }

  private void deleteFolder(RoutingContext ctx) {
    Responses.answer(ctx, accounts.deleteFolder(Authenticated.userId(ctx), Requests.pathId(ctx, "id")),
        x -> Responses.empty(ctx, 204));
  }

  static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray out = new JsonArray();
    items.forEach(item -> out.add(toJson.apply(item)));
    return out;
  }
}
