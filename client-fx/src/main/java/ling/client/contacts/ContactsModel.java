package ling.client.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.Models.Friend;
import ling.client.api.Models.FriendRequest;
import ling.client.api.Models.Group;
import ling.client.api.Models.User;
import ling.client.api.Wire;

/** Friends, friend requests both ways, and the user's groups, kept live by the socket's events. */
public final class ContactsModel {

  private final Gateway gateway;
  private final long myId;
  private final ObservableList<Friend> friends = FXCollections.observableArrayList();
  private final ObservableList<FriendRequest> incoming = FXCollections.observableArrayList();
  private final ObservableList<FriendRequest> outgoing = FXCollections.observableArrayList();
  private final ObservableList<Group> groups = FXCollections.observableArrayList();
  private final ObservableList<ling.client.api.Models.FriendFolder> folders = FXCollections.observableArrayList();

  /** The assistant's user id (0 where there is none): a contact unlike the others. */
  private final javafx.beans.property.LongProperty assistantId = new javafx.beans.property.SimpleLongProperty();

  public javafx.beans.property.LongProperty assistantIdProperty() {
    return assistantId;
  }

  public boolean isAssistant(long userId) {
    return userId != 0 && userId == assistantId.get();
  }

  public ContactsModel(Gateway gateway, long myId) {
    this.gateway = gateway;
    this.myId = myId;
  }

  public ObservableList<Friend> friends() {
    return friends;
  }

  public ObservableList<FriendRequest> incoming() {
    return incoming;
  }

  public ObservableList<FriendRequest> outgoing() {
    return outgoing;
  }

  public ObservableList<Group> groups() {
    return groups;
  }

  public ObservableList<ling.client.api.Models.FriendFolder> folders() {
    return folders;
  }

  /** Friends and folders again, after a change to either. */
  public void reloadFriends() {
    Fx.whenDone(gateway.friends(), friends::setAll, err -> { });
    Fx.whenDone(gateway.folders(), folders::setAll, err -> { });
  }

  public void reload() {
    Fx.whenDone(gateway.friends(), friends::setAll, err -> { });
    Fx.whenDone(gateway.friendRequests("incoming"), incoming::setAll, err -> { });
    Fx.whenDone(gateway.friendRequests("outgoing"), outgoing::setAll, err -> { });
    Fx.whenDone(gateway.groups(), groups::setAll, err -> { });
    Fx.whenDone(gateway.folders(), folders::setAll, err -> { });
  }

  public Friend friend(long userId) {
    return friends.stream().filter(f -> f.user().id() == userId).findFirst().orElse(null);
  }

  public Friend friendByConversation(long conversationId) {
    return friends.stream().filter(f -> f.conversationId() == conversationId).findFirst().orElse(null);
  }

  /** The socket's contact events. */
  public void handle(String type, JsonNode frame) {
    switch (type) {
      case "friend.request" -> {
        FriendRequest request = Wire.read(frame.get("request"), FriendRequest.class);
        ObservableList<FriendRequest> box = request.to().id() == myId ? incoming : outgoing;
        box.removeIf(r -> r.id() == request.id());
        box.add(0, request);
      }
      case "friend.added" -> {
        Friend friend = Wire.read(frame.get("friend"), Friend.class);
        friends.removeIf(f -> f.user().id() == friend.user().id());
        friends.add(friend);
        incoming.removeIf(r -> r.from().id() == friend.user().id());
        outgoing.removeIf(r -> r.to().id() == friend.user().id());
      }
      case "friend.removed" -> {
        long userId = frame.path("userId").asLong();
        friends.removeIf(f -> f.user().id() == userId);
      }
      case "presence" -> {
        long userId = frame.path("userId").asLong();
        boolean online = frame.path("online").asBoolean();
        for (int i = 0; i < friends.size(); i++) {
          Friend f = friends.get(i);
          if (f.user().id() == userId) {
            User u = f.user();
            friends.set(i, new Friend(new User(u.id(), u.username(), u.displayName(), u.avatarUrl(), u.signature(),
                online, u.email(), u.phone(), u.createdAt()), f.remark(), f.groupId(), f.conversationId(), f.since()));
          }
        }
      }
      case "group.updated", "group.member_joined", "group.member_left", "group.dissolved" ->
          Fx.whenDone(gateway.groups(), groups::setAll, err -> { });
      default -> {
        // not a contact event
      }
    }
  }

  public void accept(FriendRequest request, java.util.function.Consumer<Throwable> failed) {
    Fx.whenDone(gateway.acceptFriend(request.id()), friend -> {
      incoming.removeIf(r -> r.id() == request.id());
      if (friend(friend.user().id()) == null) {
        friends.add(friend);
      }
    }, failed);
  }

  // ---- what the user does; each call's lists follow on the FX thread, before the caller hears

  public java.util.concurrent.CompletableFuture<List<User>> searchUsers(String query) {
    return gateway.searchUsers(query);
  }

  public java.util.concurrent.CompletableFuture<List<Group>> searchGroups(String query) {
    return gateway.searchGroups(query);
  }

  /** A friend request, shown first among those sent. */
  public java.util.concurrent.CompletableFuture<FriendRequest> requestFriend(long userId) {
    return followed(gateway.requestFriend(userId, null), request -> {
      outgoing.removeIf(r -> r.id() == request.id());
      outgoing.add(0, request);
    });
  }

  /** A remark or a folder for a friend. */
  public java.util.concurrent.CompletableFuture<Friend> updateFriend(long userId,
                                                                     com.fasterxml.jackson.databind.node.ObjectNode changes) {
    return followed(gateway.updateFriend(userId, changes), updated -> reloadFriends());
  }

  public java.util.concurrent.CompletableFuture<Void> removeFriend(long userId) {
    return followed(gateway.removeFriend(userId), x -> friends.removeIf(f -> f.user().id() == userId));
  }

  public java.util.concurrent.CompletableFuture<ling.client.api.Models.FriendFolder> createFolder(String name) {
    return followed(gateway.createFolder(name), folder -> reloadFriends());
  }

  public java.util.concurrent.CompletableFuture<ling.client.api.Models.FriendFolder> renameFolder(long id, String name) {
    return followed(gateway.renameFolder(id, name), folder -> reloadFriends());
  }

  public java.util.concurrent.CompletableFuture<Void> deleteFolder(long id) {
    return followed(gateway.deleteFolder(id), x -> reloadFriends());
  }

  /** A new group of the user's, listed with their groups. */
  public java.util.concurrent.CompletableFuture<Group> createGroup(String name, List<Long> memberIds) {
    return followed(gateway.createGroup(name, memberIds), groups::add);
  }

  /** Joins a group (or asks to, where its owner approves). */
  public java.util.concurrent.CompletableFuture<Void> joinGroup(long groupId) {
    return followed(gateway.joinGroup(groupId), x -> reload());
  }

  /** The call's result, once the lists took it on the FX thread. */
  private static <T> java.util.concurrent.CompletableFuture<T> followed(java.util.concurrent.CompletableFuture<T> call,
                                                                       java.util.function.Consumer<T> lists) {
    java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
    Fx.whenDone(call, result -> {
      lists.accept(result);
      done.complete(result);
    }, done::completeExceptionally);
    return done;
  }

  public void reject(FriendRequest request, java.util.function.Consumer<Throwable> failed) {
    Fx.whenDone(gateway.rejectFriend(request.id()), x -> incoming.removeIf(r -> r.id() == request.id()), failed);
  }
}
