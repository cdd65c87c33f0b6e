package ling.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import ling.client.api.Models.AuthResult;
import ling.client.api.Models.Conversation;
import ling.client.api.Models.DeviceLink;
import ling.client.api.Models.Friend;
import ling.client.api.Models.FriendFolder;
import ling.client.api.Models.FriendRequest;
import ling.client.api.Models.Group;
import ling.client.api.Models.GroupMember;
import ling.client.api.Models.Message;
import ling.client.api.Models.User;

/**
 * The gateway's HTTP API, asynchronous: every call returns at once and completes on the HTTP
 * client's threads, never on the FX thread. An expired access token is renewed with the refresh
 * token once, transparently; the rotated pair is handed to {@link #onTokens}.
 */
public final class Gateway {

  /** The pair a signed-in client holds. */
  public record Tokens(String accessToken, String refreshToken) {
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http;
  private final URI base;
  private volatile Tokens tokens;
  private volatile Consumer<Tokens> onTokens = t -> { };
  private volatile Runnable onSessionLost = () -> { };
  private CompletableFuture<Tokens> refreshing;

  public Gateway(HttpClient http, URI server) {
    this.http = http;
    String root = server.toString().replaceAll("/+$", "");
    this.base = URI.create(root + "/api/v1/");
  }

  public URI base() {
    return base;
  }

  public HttpClient http() {
    return http;
  }

  public Tokens tokens() {
    return tokens;
  }

  public void useTokens(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Called with every new pair (sign-in, rotation), to be remembered if the user wishes. */
  public void onTokens(Consumer<Tokens> listener) {
    this.onTokens = listener;
  }

  /** Called when the refresh token no longer works: the user must sign in again. */
  public void onSessionLost(Runnable listener) {
    this.onSessionLost = listener;
  }

  // ---- auth

  public CompletableFuture<AuthResult> register(String username, String password, String displayName, String email) {
    ObjectNode body = Wire.object().put("username", username).put("password", password);
    if (displayName != null && !displayName.isBlank()) {
      body.put("displayName", displayName);
    }
    if (email != null && !email.isBlank()) {
      body.put("email", email);
    }
    return signIn(send("POST", "auth/register", body, false), "register");
  }

  public CompletableFuture<AuthResult> login(String username, String password) {
    return signIn(send("POST", "auth/login", Wire.object().put("username", username).put("password", password),
        false), "login");
  }

  /** Signs in with a remembered refresh token. */
  public CompletableFuture<AuthResult> resume(String refreshToken) {
    return signIn(send("POST", "auth/refresh", Wire.object().put("refreshToken", refreshToken), false), "refresh");
  }

  public CompletableFuture<Void> logout() {
    Tokens held = tokens;
    tokens = null;
    if (held == null) {
      return CompletableFuture.completedFuture(null);
    }
    return send("POST", "auth/logout", Wire.object().put("refreshToken", held.refreshToken()), false)
        .thenApply(x -> (Void) null).exceptionally(err -> null);
  }

  public CompletableFuture<Void> requestPasswordReset(String username) {
    return send("POST", "auth/password-reset", Wire.object().put("username", username), false).thenApply(x -> null);
  }

  public CompletableFuture<Void> confirmPasswordReset(String username, String code, String newPassword) {
    return send("POST", "auth/password-reset/confirm", Wire.object().put("username", username).put("code", code)
        .put("newPassword", newPassword), false).thenApply(x -> null);
  }

  public CompletableFuture<DeviceLink> startDeviceLink() {
    return send("POST", "auth/device-link", Wire.object(), false).thenApply(json -> Wire.read(json, DeviceLink.class));
  }

  /** Empty while the link waits for approval; the signed-in result once approved. */
  public CompletableFuture<AuthResult> pollDeviceLink(String linkId) {
    return send("GET", "auth/device-link/" + encode(linkId), null, false).thenApply(json -> {
      if (json.isEmpty() || !json.has("accessToken")) {
        return null;
      }
      AuthResult result = Wire.read(json, AuthResult.class);
      adopt(result);
      return result;
    });
  }

  public CompletableFuture<Void> approveDeviceLink(String code) {
    return send("POST", "auth/device-link/approve", Wire.object().put("code", code), true).thenApply(x -> null);
  }

  // ---- profile and users

  public CompletableFuture<User> me() {
    return get("me", User.class);
  }

  public CompletableFuture<User> updateMe(ObjectNode changes) {
    return send("PATCH", "me", changes, true).thenApply(json -> Wire.read(json, User.class));
  }

  public CompletableFuture<Void> changePassword(String oldPassword, String newPassword) {
    return send("PUT", "me/password", Wire.object().put("oldPassword", oldPassword).put("newPassword", newPassword),
        true).thenApply(x -> null);
  }

  public CompletableFuture<List<User>> searchUsers(String query) {
    return list("users/search?q=" + encode(query), User.class);
  }

  // ---- friends

  public CompletableFuture<List<Friend>> friends() {
    return list("friends", Friend.class);
  }

  public CompletableFuture<List<FriendRequest>> friendRequests(String box) {
    return list("friend-requests?box=" + box, FriendRequest.class);
  }

  public CompletableFuture<FriendRequest> requestFriend(long userId, String message) {
    ObjectNode body = Wire.object().put("toUserId", userId);
    if (message != null && !message.isBlank()) {
      body.put("message", message);
    }
    return send("POST", "friend-requests", body, true).thenApply(json -> Wire.read(json, FriendRequest.class));
  }

  public CompletableFuture<Friend> acceptFriend(long requestId) {
    return send("POST", "friend-requests/" + requestId + "/accept", Wire.object(), true)
        .thenApply(json -> Wire.read(json.has("friend") ? json.get("friend") : json, Friend.class));
  }

  public CompletableFuture<Void> rejectFriend(long requestId) {
    return send("POST", "friend-requests/" + requestId + "/reject", Wire.object(), true).thenApply(x -> null);
  }

  public CompletableFuture<Friend> updateFriend(long userId, ObjectNode changes) {
    return send("PATCH", "friends/" + userId, changes, true).thenApply(json -> Wire.read(json, Friend.class));
  }

  public CompletableFuture<Void> removeFriend(long userId) {
    return send("DELETE", "friends/" + userId, null, true).thenApply(x -> null);
  }

  public CompletableFuture<List<FriendFolder>> folders() {
    return list("friend-groups", FriendFolder.class);
  }

  public CompletableFuture<FriendFolder> createFolder(String name) {
    return send("POST", "friend-groups", Wire.object().put("name", name), true)
        .thenApply(json -> Wire.read(json, FriendFolder.class));
  }

  public CompletableFuture<FriendFolder> renameFolder(long id, String name) {
    return send("PATCH", "friend-groups/" + id, Wire.object().put("name", name), true)
        .thenApply(json -> Wire.read(json, FriendFolder.class));
  }

  public CompletableFuture<Void> deleteFolder(long id) {
    return send("DELETE", "friend-groups/" + id, null, true).thenApply(x -> null);
  }

  // ---- groups

  public CompletableFuture<List<Group>> groups() {
    return list("groups", Group.class);
  }

  public CompletableFuture<List<Group>> searchGroups(String query) {
    return list("groups/search?q=" + encode(query), Group.class);
  }

  public CompletableFuture<Group> group(long id) {
    return get("groups/" + id, Group.class);
  }

  public CompletableFuture<Group> createGroup(String name, List<Long> memberIds) {
    ObjectNode body = Wire.object().put("name", name);
    ArrayNode members = body.putArray("memberIds");
    memberIds.forEach(members::add);
    return send("POST", "groups", body, true).thenApply(json -> Wire.read(json, Group.class));
  }

  public CompletableFuture<Group> updateGroup(long id, ObjectNode changes) {
    return send("PATCH", "groups/" + id, changes, true).thenApply(json -> Wire.read(json, Group.class));
  }

  public CompletableFuture<List<GroupMember>> members(long groupId) {
    return list("groups/" + groupId + "/members", GroupMember.class);
  }

  public CompletableFuture<Void> joinGroup(long groupId) {
    return send("POST", "groups/" + groupId + "/join", Wire.object(), true).thenApply(x -> null);
  }

  public CompletableFuture<Void> inviteToGroup(long groupId, List<Long> userIds) {
    ObjectNode body = Wire.object();
    ArrayNode ids = body.putArray("userIds");
    userIds.forEach(ids::add);
    return send("POST", "groups/" + groupId + "/members", body, true).thenApply(x -> null);
  }

  public CompletableFuture<Void> removeMember(long groupId, long userId) {
    return send("DELETE", "groups/" + groupId + "/members/" + userId, null, true).thenApply(x -> null);
  }

  public CompletableFuture<Void> setMemberRole(long groupId, long userId, String role) {
    return send("PATCH", "groups/" + groupId + "/members/" + userId, Wire.object().put("role", role), true)
        .thenApply(x -> null);
  }

  public CompletableFuture<Void> setNickname(long groupId, String nickname) {
    return send("PATCH", "groups/" + groupId + "/members/me", Wire.object().put("nickname", nickname), true)
        .thenApply(x -> null);
  }

  public CompletableFuture<Void> dissolveGroup(long groupId) {
    return send("DELETE", "groups/" + groupId, null, true).thenApply(x -> null);
  }

  // ---- conversations

  public CompletableFuture<List<Conversation>> conversations() {
    return list("conversations", Conversation.class);
  }

  /** The newest page before {@code beforeSeq} (or the newest of all), ascending. */
  public CompletableFuture<List<Message>> messagesBefore(long conversationId, Long beforeSeq, int limit) {
    return list("conversations/" + conversationId + "/messages?limit=" + limit
        + (beforeSeq == null ? "" : "&beforeSeq=" + beforeSeq), Message.class);
  }

  /** The oldest page after {@code afterSeq}: catching up. */
  public CompletableFuture<List<Message>> messagesAfter(long conversationId, long afterSeq, int limit) {
    return list("conversations/" + conversationId + "/messages?limit=" + limit + "&afterSeq=" + afterSeq,
        Message.class);
  }

  public CompletableFuture<List<Message>> searchMessages(long conversationId, String query) {
    return list("conversations/" + conversationId + "/messages/search?q=" + encode(query), Message.class);
  }

  public CompletableFuture<Void> markRead(long conversationId, long seq) {
    return send("POST", "conversations/" + conversationId + "/read", Wire.object().put("seq", seq), true)
        .thenApply(x -> null);
  }

  public CompletableFuture<Conversation> updateConversation(long conversationId, ObjectNode changes) {
    return send("PATCH", "conversations/" + conversationId, changes, true)
        .thenApply(json -> Wire.read(json, Conversation.class));
  }

  public CompletableFuture<Void> recall(long conversationId, long messageId) {
    return send("DELETE", "conversations/" + conversationId + "/messages/" + messageId, null, true)
        .thenApply(x -> null);
  }

  // ---- the assistant

  /** The assistant and the user's quota; completes with null where the server has no assistant. */
  public CompletableFuture<ling.client.api.Models.AssistantStatus> assistant() {
    return get("assistant", ling.client.api.Models.AssistantStatus.class).exceptionally(err -> {
      Throwable cause = err instanceof java.util.concurrent.CompletionException ? err.getCause() : err;
      if (cause instanceof ApiException api && api.status() == 404) {
        return null;
      }
      throw err instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(cause);
    });
  }

  /** Asks the assistant for a summary of the conversation's unread messages, written in its own chat. */
  public CompletableFuture<ling.client.api.Models.AssistantStatus> summarise(long conversationId) {
    return send("POST", "conversations/" + conversationId + "/summary", null, true)
        .thenApply(json -> Wire.read(json, ling.client.api.Models.AssistantStatus.class));
  }

  // ---- calls

  /** {@code [{urls, username?, credential?}]}: where ICE may look (STUN, TURN with credentials). */
  public CompletableFuture<List<JsonNode>> iceServers() {
    return send("GET", "calls/ice-servers", null, true).thenApply(json -> {
      List<JsonNode> out = new java.util.ArrayList<>();
      json.forEach(out::add);
      return out;
    });
  }

  // ---- plumbing

  /** An authenticated request with the current access token (renewed once if it expired). */
  public HttpRequest.Builder authorized(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    Tokens held = tokens;
    if (held != null) {
      builder.header("Authorization", "Bearer " + held.accessToken());
    }
    return builder;
  }

  private <T> CompletableFuture<T> get(String path, Class<T> type) {
    return send("GET", path, null, true).thenApply(json -> Wire.read(json, type));
  }

  private <T> CompletableFuture<List<T>> list(String path, Class<T> type) {
    return send("GET", path, null, true).thenApply(json -> Wire.readList(json, type));
  }

  private CompletableFuture<AuthResult> signIn(CompletableFuture<JsonNode> answer, String what) {
    return answer.thenApply(json -> {
      AuthResult result = Wire.read(json, AuthResult.class);
      adopt(result);
      return result;
    });
  }

  private void adopt(AuthResult result) {
    tokens = new Tokens(result.accessToken(), result.refreshToken());
    onTokens.accept(tokens);
  }

  /** Sends a JSON request; completes with the body (an empty object for none) or an {@link ApiException}. */
  CompletableFuture<JsonNode> send(String method, String path, JsonNode body, boolean authenticated) {
    return attempt(method, path, body, authenticated).thenCompose(response -> {
      if (response.statusCode() == 401 && authenticated && tokens != null) {
        // the access token expired (or was revoked): renew once, then try again
        return renew().thenCompose(renewed -> attempt(method, path, body, true));
      }
      return CompletableFuture.completedFuture(response);
    }).thenApply(Gateway::parse);
  }

  private CompletableFuture<HttpResponse<String>> attempt(String method, String path, JsonNode body,
                                                          boolean authenticated) {
    HttpRequest.Builder builder = authenticated ? authorized(path)
        : HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    builder.header("Accept", "application/json");
    if (body != null) {
      builder.header("Content-Type", "application/json; charset=utf-8");
      builder.method(method, BodyPublishers.ofString(Wire.write(body), StandardCharsets.UTF_8));
    } else {
      builder.method(method, BodyPublishers.noBody());
    }
    return http.sendAsync(builder.build(), BodyHandlers.ofString(StandardCharsets.UTF_8))
        .exceptionally(err -> {
          throw ApiException.unreachable(err instanceof CompletionException c && c.getCause() != null
              ? c.getCause() : err);
        });
  }

  /** One renewal at a time, shared by the requests that found the token expired. */
  private synchronized CompletableFuture<Tokens> renew() {
    if (refreshing != null && !refreshing.isDone()) {
      return refreshing;
    }
    Tokens held = tokens;
    if (held == null) {
      return CompletableFuture.failedFuture(new ApiException(401, "unauthorized", "not signed in", 0));
    }
    refreshing = attempt("POST", "auth/refresh", Wire.object().put("refreshToken", held.refreshToken()), false)
        .thenApply(response -> {
          if (response.statusCode() != 200) {
            tokens = null;
            onSessionLost.run();
            throw failure(response);
          }
          AuthResult result = Wire.read(response.body(), AuthResult.class);
          adopt(result);
          return tokens;
        });
    return refreshing;
  }

  private static JsonNode parse(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      String text = response.body();
      return text == null || text.isBlank() ? Wire.object() : Wire.tree(text);
    }
    throw failure(response);
  }

  private static ApiException failure(HttpResponse<String> response) {
    return ApiException.of(response);
  }


  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The failure behind a future's exception, unwrapped. */
  public static Throwable cause(Throwable err) {
    Throwable current = err;
    while ((current instanceof CompletionException || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
