package ling.gateway.impl.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ling.api.account.AccountService;
import ling.api.account.Group;
import ling.api.account.UserProfile;
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatService;
import ling.api.chat.ConversationChanges;
import ling.api.chat.ConversationSummary;
import ling.api.chat.SendRequest;
import ling.common.cluster.ChatOwners;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.MessageRequests;
import ling.gateway.impl.Requests;

/** {@code /conversations}: the list, history, search, sending over HTTP, read marks, recall, mute and pin. */
final class ConversationRoutes {

  private final AccountService accounts;
  private final ChatService chat;
  private final ChatOwners owners;

  ConversationRoutes(AccountService accounts, ChatService chat, ChatOwners owners) {
    this.accounts = accounts;
    this.chat = chat;
    this.owners = owners;
  }

  void mount(Router api, Handler<RoutingContext> authenticated) {
    api.get("/conversations").handler(authenticated).handler(this::list);
    api.patch("/conversations/:id").handler(authenticated).handler(this::update);
    api.get("/conversations/:id/messages/search").handler(authenticated).handler(this::search);
    api.get("/conversations/:id/messages").handler(authenticated).handler(this::history);
    api.post("/conversations/:id/messages").handler(authenticated).handler(this::send);
    api.delete("/conversations/:id/messages/:messageId").handler(authenticated).handler(this::recall);
    api.post("/conversations/:id/read").handler(authenticated).handler(this::read);
  }

  /** The list with each peer's profile and each group, fetched in one call apiece. */
  private void list(RoutingContext ctx) {
    long userId = Authenticated.userId(ctx);
    Responses.answer(ctx, chat.listConversations(userId).compose(summaries -> {
      List<Long> peers = summaries.stream().filter(s -> s.getPeerId() != null).map(ConversationSummary::getPeerId)
          .distinct().toList();
      boolean anyGroup = summaries.stream().anyMatch(s -> s.getGroupId() != null);
      Future<List<UserProfile>> profiles = peers.isEmpty() ? Future.succeededFuture(List.of())
          : accounts.getUsers(userId, peers);
      Future<List<Group>> groups = anyGroup ? accounts.listGroups(userId) : Future.succeededFuture(List.of());
      return Future.all(profiles, groups).map(x -> render(summaries, profiles.result(), groups.result()));
    }), list -> Responses.json(ctx, 200, list));
  }

  private static JsonArray render(List<ConversationSummary> summaries, List<UserProfile> profiles, List<Group> groups) {
    Map<Long, UserProfile> byUser = new HashMap<>();
    profiles.forEach(p -> byUser.put(p.getId(), p));
    Map<Long, Group> byGroup = new HashMap<>();
    groups.forEach(g -> byGroup.put(g.getId(), g));
    JsonArray out = new JsonArray();
    for (ConversationSummary s : summaries) {
      JsonObject json = s.toJson();
      json.remove("peerId");
      json.remove("groupId");
      if (s.getPeerId() != null) {
        UserProfile peer = byUser.get(s.getPeerId());
        json.put("peer", peer == null ? new JsonObject().put("id", s.getPeerId()) : peer.toJson());
      }
      if (s.getGroupId() != null) {
        Group group = byGroup.get(s.getGroupId());
        json.put("group", group == null ? new JsonObject().put("id", s.getGroupId()) : group.toJson());
      }
      out.add(json);
    }
    return out;
  }

  private void history(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    Long beforeSeq = Requests.queryId(ctx, "beforeSeq");
    Long afterSeq = Requests.queryLong(ctx, "afterSeq");
    Responses.answer(ctx, chat.history(Authenticated.userId(ctx), conversationId, beforeSeq, afterSeq,
            Requests.queryInt(ctx, "limit", null)),
        messages -> Responses.json(ctx, 200, FriendRoutes.array(messages, ChatMessage::toJson)));
  }

  private void search(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    String q = ctx.queryParams().get("q");
    if (q == null) {
      throw ApiException.invalid("q", "is required");
    }
    Responses.answer(ctx, chat.searchMessages(Authenticated.userId(ctx), conversationId, q,
            Requests.queryInt(ctx, "limit", null)),
        messages -> Responses.json(ctx, 200, FriendRoutes.array(messages, ChatMessage::toJson)));
  }

  private void send(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    SendRequest request = MessageRequests.sendRequest(Requests.body(ctx), conversationId);
    Responses.answer(ctx, owners.send(Authenticated.userId(ctx), request),
        message -> Responses.json(ctx, 201, message.toJson()));
  }

  private void recall(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    long messageId = Requests.pathId(ctx, "messageId");
    Responses.answer(ctx, chat.recall(Authenticated.userId(ctx), messageId, conversationId),
        message -> Responses.empty(ctx, 204));
  }

  private void read(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    long seq = MessageRequests.requiredSeq(Requests.body(ctx), "seq");
    Responses.answer(ctx, chat.markRead(Authenticated.userId(ctx), conversationId, seq), x -> Responses.empty(ctx, 204));
  }

  private void update(RoutingContext ctx) {
    long conversationId = Requests.pathId(ctx, "id");
    // a body of the wrong shape is refused here, before it crosses the bus
    ConversationChanges changes = ConversationChanges.from(Requests.body(ctx));
    Responses.answer(ctx, chat.updateConversation(Authenticated.userId(ctx), conversationId, changes),
        summary -> Responses.json(ctx, 200, summary.toJson()));
  }
}
