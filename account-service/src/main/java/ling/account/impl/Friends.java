package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ling.api.Pushes;
import ling.account.impl.FolderRepository.FolderRow;
import ling.account.impl.FriendRepository.FriendRow;
import ling.account.impl.FriendRepository.RequestRow;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.account.Friend;
import ling.api.account.FriendChanges;
import ling.api.account.FriendFolder;
import ling.api.account.FriendRequest;
import ling.api.chat.MembershipChange;
import ling.common.Times;
import ling.common.db.Transactions;

/**
 * Friend requests, friendships and contact folders. Every operation is scoped to the user who
 * asks: someone else's request, friend or folder is "not found".
 */
final class Friends {

  private final Pool pool;
  private final UserRepository users;
  private final FriendRepository friends;
  private final FolderRepository folders;
  private final AccountRules rules;
  private final OutboxRepository outbox;
  private final MembershipRelay relay;
  private final UserEvents events;

  Friends(Pool pool, UserRepository users, AccountRules rules, OutboxRepository outbox, MembershipRelay relay,
          UserEvents events) {
    this.pool = pool;
    this.users = users;
    this.friends = new FriendRepository(pool);
    this.folders = new FolderRepository(pool);
    this.rules = rules;
    this.outbox = outbox;
    this.relay = relay;
    this.events = events;
  }

  Future<FriendRequest> sendRequest(long fromId, long toId, String message) {
    String text = rules.requestMessage(message);
    if (fromId == toId) {
      return Future.failedFuture(Failures.of(AccountService.SELF_REQUEST, "you cannot befriend yourself"));
    }
    return users.findById(fromId, toId)
        .compose(found -> !found.isPresent() ? Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such user"))
            : AssistantAccounts.isSystem(found.get())
            // it becomes every user's contact by itself (GET /assistant), never by request
            ? Future.failedFuture(Failures.of(Failures.FORBIDDEN, "the assistant is everyone's contact already"))
            : friends.areFriends(fromId, toId))
        .compose(already -> already
            ? Future.failedFuture(Failures.of(AccountService.ALREADY_FRIENDS, "you are friends already"))
            : friends.pending(toId, fromId))
        .compose(theyAsked -> theyAsked
            ? Future.failedFuture(Failures.of(AccountService.REQUEST_PENDING,
                "that user has already sent you a request: accept it"))
            : friends.insertRequest(fromId, toId, text))
        .recover(err -> UserRepository.isDuplicateKey(err)
            ? Future.failedFuture(Failures.of(AccountService.REQUEST_PENDING, "your request is already pending"))
            : Future.failedFuture(err))
        .compose(friends::findRequest)
        // seen by nobody in particular: a request must not reveal whether its target is online
        .compose(row -> requestViews(UserRepository.NOBODY, List.of(row.orElseThrow())))
        .map(list -> {
          FriendRequest request = list.get(0);
          events.send(toId, Pushes.FRIEND_REQUEST, new JsonObject().put("request", request.toJson()));
          return request;
        });
  }

  Future<List<FriendRequest>> pendingRequests(long userId, String box) {
    if (!"incoming".equals(box) && !"outgoing".equals(box)) {
      throw Failures.invalid("box", "must be incoming or outgoing");
    }
    return friends.pendingRequests(userId, box.equals("incoming")).compose(rows -> requestViews(userId, rows));
  }

  Future<Friend> accept(long userId, long requestId, Long folderId, String remark) {
    String note = rules.remark(remark);
    return recipientsRequest(userId, requestId)
        .compose(request -> folder(userId, folderId, "groupId").map(folder -> request))
        // the pair's conversation is (re)opened by the chat service once this commits
        .compose(request -> Transactions.withRetry(pool, conn -> friends.lockPending(conn, requestId)
                .compose(locked -> locked.isEmpty()
                    ? Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED, "the request was already answered"))
                    : folders.defaultFolderId(conn, request.fromId()))
                .compose(requesterFolder -> friends.insertSide(conn, request.fromId(), userId, requesterFolder, null))
                .compose(x -> folderId == null ? folders.defaultFolderId(conn, userId) : Future.succeededFuture(folderId))
                .compose(myFolder -> friends.insertSide(conn, userId, request.fromId(), myFolder, note))
                .compose(x -> friends.decide(conn, userId, request.fromId(), "accepted"))
                .compose(x -> outbox.append(conn, MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, userId,
                    request.fromId()))))
            .recover(Friends::folderGone)
            .compose(relay::settled)
            .compose(x -> announceFriendship(userId, request.fromId())));
  }

  /**
   * Makes two users friends without a request (the assistant and each user), each in their default
   * folder; answers the user's view of the other, whether made now or before.
   */
  Future<Friend> befriend(long userId, long otherId) {
    return friends.areFriends(userId, otherId).compose(already -> already
        ? existingFriend(userId, otherId).map(Friends::view)
        : Transactions.withRetry(pool, conn -> folders.defaultFolderId(conn, otherId)
                .compose(theirFolder -> friends.insertSide(conn, otherId, userId, theirFolder, null))
                .compose(x -> folders.defaultFolderId(conn, userId))
                .compose(myFolder -> friends.insertSide(conn, userId, otherId, myFolder, null))
                .compose(x -> outbox.append(conn, MembershipChange.ofPair(MembershipChange.OPEN_DIRECT, userId,
                    otherId))))
            // two first calls at once: the other one made the friendship
            .recover(err -> UserRepository.isDuplicateKey(err) ? Future.succeededFuture(0L) : Future.failedFuture(err))
            .compose(entry -> entry == 0 ? Future.succeededFuture() : relay.settled(entry))
            .compose(x -> announceFriendship(userId, otherId)));
  }

  Future<Void> reject(long userId, long requestId) {
    return recipientsRequest(userId, requestId)
        .compose(request -> Transactions.withRetry(pool, conn -> friends.lockPending(conn, requestId)
            .compose(locked -> locked.isEmpty()
                ? Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED, "the request was already answered"))
                : friends.decide(conn, requestId, "rejected"))));
  }

  Future<List<Friend>> list(long userId) {
    return friends.friends(userId).map(rows -> rows.stream().map(Friends::view).toList());
  }

  Future<Friend> update(long userId, long friendId, FriendChanges changes) {
    if (changes == null) {
      throw Failures.invalid("body", "is required");
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String field : changes.fields()) {
      switch (field) {
        case FriendChanges.REMARK -> columns.put("remark", rules.remark(changes.getRemark()));
        case FriendChanges.GROUP_ID -> {
          // a friend is always in some folder: null is refused however the changes were made
          if (changes.getGroupId() == null || changes.getGroupId() < 1) {
            throw Failures.invalid(field, "must be the id of one of your folders");
          }
          columns.put("folder_id", changes.getGroupId());
        }
      }
    }
    Long chosenFolder = (Long) columns.get("folder_id");
    return existingFriend(userId, friendId)
        .compose(friend -> chosenFolder == null ? Future.succeededFuture() : folder(userId, chosenFolder, "groupId"))
        .compose(x -> friends.updateSide(userId, friendId, columns))
        .recover(Friends::folderGone)
        .compose(x -> existingFriend(userId, friendId))
        .map(Friends::view);
  }

  Future<Void> remove(long userId, long friendId) {
    return existingFriend(userId, friendId)
        .compose(friend -> Transactions.withRetry(pool, conn -> friends.deleteFriendship(conn, userId, friendId)
            .compose(deleted -> !deleted ? Future.succeededFuture(0L)
                : outbox.append(conn, MembershipChange.ofPair(MembershipChange.CLOSE_DIRECT, userId, friendId)))))
        .compose(entry -> entry == 0 ? Future.succeededFuture(false) : relay.settled(entry).map(true))
        .map(deleted -> {
          if (deleted) {
            events.send(userId, Pushes.FRIEND_REMOVED, new JsonObject().put("userId", friendId));
            events.send(friendId, Pushes.FRIEND_REMOVED, new JsonObject().put("userId", userId));
          }
          return null;
        });
  }

  // ---- folders

  Future<List<FriendFolder>> folders(long userId) {
    return folders.list(userId).map(rows -> rows.stream().map(Friends::view).toList());
  }

  Future<FriendFolder> createFolder(long userId, String name) {
    String clean = rules.folderName(name);
    return folders.count(userId)
        .compose(count -> count >= rules.foldersMax
            ? Future.failedFuture(Failures.of(Failures.CONFLICT, "at most " + rules.foldersMax + " folders"))
            : folders.insert(userId, clean))
        .recover(err -> Future.failedFuture(folderNameConflict(err)))
        .compose(id -> folder(userId, id, "id"))
        .map(Friends::view);
  }

  Future<FriendFolder> renameFolder(long userId, long folderId, String name) {
    String clean = rules.folderName(name);
    return folder(userId, folderId, null)
        .compose(folder -> folders.rename(userId, folderId, clean))
        .recover(err -> Future.failedFuture(folderNameConflict(err)))
        .compose(x -> folder(userId, folderId, null))
        .map(Friends::view);
  }

  Future<Void> deleteFolder(long userId, long folderId) {
    return folder(userId, folderId, null).compose(folder -> folder.isDefault()
        ? Future.failedFuture(Failures.of(AccountService.DEFAULT_FOLDER, "the default folder cannot be deleted"))
        : folders.delete(userId, folderId));
  }

  // ----

  /** The request if it exists and was sent to this user; anyone else's is "not found". */
  private Future<RequestRow> recipientsRequest(long userId, long requestId) {
    return friends.findRequest(requestId).compose(found -> {
      if (found.isEmpty() || found.get().toId() != userId) {
        return Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such friend request"));
      }
      if (!found.get().status().equals("pending")) {
        return Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED, "the request was already answered"));
      }
      return Future.succeededFuture(found.get());
    });
  }

  /**
   * One of the user's folders. Given a field name, a missing folder is a 400 naming it (the folder
   * was an argument); without one it is a 404 (the folder was the resource). Null id: no check.
   */
  private Future<FolderRow> folder(long userId, Long folderId, String field) {
    if (folderId == null) {
      return Future.succeededFuture();
    }
    return folders.find(userId, folderId).compose(found -> found.map(Future::succeededFuture).orElseGet(() ->
        Future.failedFuture(field == null
            ? Failures.of(Failures.NOT_FOUND, "no such folder")
            : Failures.invalid(field, "is not one of your folders"))));
  }

  private Future<FriendRow> existingFriend(long userId, long friendId) {
    return friends.friend(userId, friendId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such friend"))));
  }

  /** Tells both sides, each with the friend as they see them; answers the acceptor's view. */
  /**
   * The chat service has opened a pair's conversation: both sides learn its id, and if nobody
   * waited for it (the chat service was away when they became friends) both hear of it now.
   */
  Future<Void> conversationOpened(long userA, long userB, long conversationId, boolean late) {
    return friends.setConversation(userA, userB, conversationId).compose(changed -> !changed || !late
        ? Future.succeededFuture()
        : announceFriendship(userA, userB).<Void>mapEmpty().recover(err -> Future.succeededFuture()));
  }

  private Future<Friend> announceFriendship(long acceptorId, long requesterId) {
    return existingFriend(acceptorId, requesterId)
        .compose(mine -> existingFriend(requesterId, acceptorId).map(theirs -> {
          Friend myView = view(mine);
          events.send(acceptorId, Pushes.FRIEND_ADDED, new JsonObject().put("friend", myView.toJson()));
          events.send(requesterId, Pushes.FRIEND_ADDED, new JsonObject().put("friend", view(theirs).toJson()));
          return myView;
        }));
  }

  private Future<List<FriendRequest>> requestViews(long viewerId, List<RequestRow> rows) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(r -> {
      ids.add(r.fromId());
      ids.add(r.toId());
    });
    return users.findByIds(viewerId, ids).map(byId -> rows.stream()
        .filter(r -> byId.containsKey(r.fromId()) && byId.containsKey(r.toId()))
        .map(r -> new FriendRequest()
            .setId(r.id())
            .setFrom(Profiles.publicView(byId.get(r.fromId())))
            .setTo(Profiles.publicView(byId.get(r.toId())))
            .setMessage(r.message())
            .setStatus(r.status())
            .setCreatedAt(Times.iso(r.createdAt())))
        .toList());
  }

  /** The folder chosen was deleted while the change ran. */
  private static <T> Future<T> folderGone(Throwable err) {
    return Future.failedFuture(UserRepository.isMissingReference(err)
        ? Failures.invalid("groupId", "is not one of your folders") : err);
  }

  private static Throwable folderNameConflict(Throwable err) {
    return UserRepository.isDuplicateKey(err)
        ? Failures.of(AccountService.FOLDER_EXISTS, "you have a folder of that name") : err;
  }

  static Friend view(FriendRow row) {
    return new Friend()
        .setUser(Profiles.publicView(row.user()))
        .setRemark(row.remark())
        .setGroupId(row.folderId())
        .setConversationId(row.conversationId())
        .setSince(Times.iso(row.since()));
  }

  static FriendFolder view(FolderRow row) {
    return new FriendFolder().setId(row.id()).setName(row.name()).setDefaultFolder(row.isDefault())
        .setFriendCount(row.friendCount());
  }
}
