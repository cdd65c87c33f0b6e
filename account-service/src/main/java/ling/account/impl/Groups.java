package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ling.api.Pushes;
import ling.account.impl.GroupRepository.GroupRow;
import ling.account.impl.GroupRepository.JoinRequestRow;
import ling.account.impl.GroupRepository.MemberRow;
import ling.api.Failures;
import ling.api.account.AccountEvents;
import ling.api.account.AccountService;
import ling.api.account.Group;
import ling.api.account.GroupChanges;
import ling.api.account.GroupJoinRequest;
import ling.api.account.GroupJoinResult;
import ling.api.account.GroupMember;
import ling.api.account.GroupSpec;
import ling.api.chat.MembershipChange;
import ling.api.file.FileService;
import ling.common.Times;

/**
 * Groups: roles ({@code owner}, {@code admin}, {@code member}), join policies, requests, invites,
 * nicknames. A member change is written with its outbox entry in one transaction; the chat service
 * (which decides who may read and send) applies it after the commit, and the request waits for
 * that a moment. Every change is announced to the members and published as a domain event.
 */
final class Groups {

  private static final String OWNER = "owner";
  private static final String ADMIN = "admin";
  private static final String MEMBER = "member";

  private final Vertx vertx;
  private final Pool pool;
  private final GroupRepository groups;
  private final FriendRepository friends;
  private final UserRepository users;
  private final AccountRules rules;
  private final OutboxRepository outbox;
  private final MembershipRelay relay;
  private final UserEvents events;
  private final FileService files;

  Groups(Vertx vertx, Pool pool, UserRepository users, AccountRules rules, OutboxRepository outbox,
         MembershipRelay relay, UserEvents events, FileService files) {
    this.vertx = vertx;
    this.pool = pool;
    this.groups = new GroupRepository(pool);
    this.friends = new FriendRepository(pool);
    this.users = users;
    this.rules = rules;
    this.outbox = outbox;
    this.relay = relay;
    this.events = events;
    this.files = files;
  }

  /** A group avatar must be the acting user's own image; it then becomes readable by anyone. */
  private Future<Void> shareAvatar(long userId, Object fileId) {
    return fileId == null ? Future.succeededFuture() : files.shareAsAvatar(userId, (Long) fileId).mapEmpty();
  }

  Future<Group> create(long userId, GroupSpec spec) {
    if (spec == null) {
      throw Failures.invalid("body", "is required");
    }
    String name = rules.groupName(spec.getName());
    String policy = spec.getJoinPolicy() == null ? "approval" : rules.joinPolicy(spec.getJoinPolicy());
    Long avatar = spec.getAvatarFileId();
    List<Long> invited = ids("memberIds", spec.getMemberIds());
    invited.remove(userId);
    if (invited.size() + 1 > rules.groupMembersMax) {
      throw Failures.of(AccountService.GROUP_FULL, "a group has at most " + rules.groupMembersMax + " members");
    }
    List<Long> everyone = new ArrayList<>(invited);
    everyone.add(0, userId);
    return allFriends(userId, invited, "memberIds")
        .compose(x -> shareAvatar(userId, avatar))
        .compose(x -> pool.withTransaction(conn -> groups.insert(conn, name, avatar, policy, userId)
            .compose(groupId -> groups.addMembers(conn, groupId, List.of(userId), OWNER)
                .compose(y -> groups.addMembers(conn, groupId, invited, MEMBER))
                .compose(y -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.OPEN_GROUP, groupId, everyone)
                    .setOwnerId(userId)))
                .map(entry -> new Written<>(groupId, entry)))))
        .compose(this::settled)
        // its conversation is on it once the chat service opened it (later if it is away)
        .compose(this::liveGroup)
        .map(group -> {
          Group view = view(group);
          events.send(everyone, Pushes.GROUP_UPDATED, new JsonObject().put("group", view.toJson()));
          domainEvent("created", group, userId, everyone, null);
          return view;
        });
  }

  Future<List<Group>> mine(long userId) {
    return groups.ofMember(userId).map(rows -> rows.stream().map(Groups::view).toList());
  }

  Future<List<Group>> search(long userId, String query, Integer limit) {
    String q = rules.searchQuery(query);
    int size = rules.limit(limit);
    return groups.search(userId, AccountRules.escapeLike(q), size).map(rows -> rows.stream().map(Groups::view).toList());
  }

  /** A group the user may see: any group they are in, and any that is not invite-only. */
  Future<Group> get(long userId, long groupId) {
    return visibleGroup(userId, groupId).map(Groups::view);
  }

  Future<Group> update(long userId, long groupId, GroupChanges changes) {
    if (changes == null) {
      throw Failures.invalid("body", "is required");
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (String field : changes.fields()) {
      switch (field) {
        case GroupChanges.NAME -> columns.put("name", rules.groupName(changes.getName()));
        case GroupChanges.ANNOUNCEMENT -> columns.put("announcement", rules.announcement(changes.getAnnouncement()));
        case GroupChanges.AVATAR_FILE_ID -> columns.put("avatar_file_id", changes.getAvatarFileId());
        case GroupChanges.JOIN_POLICY -> columns.put("join_policy", rules.joinPolicy(changes.getJoinPolicy()));
      }
    }
    return requireRole(userId, groupId, OWNER, ADMIN)
        .compose(role -> shareAvatar(userId, columns.get("avatar_file_id")))
        .compose(role -> columns.isEmpty() ? Future.succeededFuture() : groups.update(pool, groupId, columns))
        .compose(x -> liveGroup(groupId))
        .compose(group -> announceGroup(group).map(view -> {
          domainEvent("updated", group, userId, null, changes.toJson());
          return view;
        }));
  }

  Future<List<GroupMember>> members(long userId, long groupId) {
    return liveGroup(groupId)
        .compose(group -> groups.role(groupId, userId).compose(role -> role == null && group.joinPolicy().equals("invite")
            ? Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such group"))
            : groups.members(userId, groupId)))
        .map(rows -> rows.stream().map(Groups::view).toList());
  }

  Future<GroupJoinResult> join(long userId, long groupId, String message) {
    String text = rules.requestMessage(message);
    return visibleGroup(userId, groupId)
        .compose(group -> groups.role(groupId, userId).compose(role -> {
          if (role != null) {
            return Future.failedFuture(Failures.of(AccountService.ALREADY_MEMBER, "you are in this group already"));
          }
          return switch (group.joinPolicy()) {
            case "open" -> addMembers(userId, group, List.of(userId), "joined")
                .compose(x -> liveGroup(groupId))
                .map(g -> new GroupJoinResult().setStatus("joined").setGroup(view(g)));
            case "approval" -> groups.insertJoinRequest(groupId, userId, text)
                .recover(err -> Future.failedFuture(UserRepository.isDuplicateKey(err)
                    ? Failures.of(AccountService.REQUEST_PENDING, "your request to join is already pending") : err))
                .compose(groups::joinRequest)
                .compose(request -> requestViews(UserRepository.NOBODY, List.of(request.orElseThrow())))
                .compose(views -> announceJoinRequest(groupId, views.get(0))
                    .map(new GroupJoinResult().setStatus("pending").setRequest(views.get(0))));
            default -> Future.failedFuture(Failures.of(Failures.FORBIDDEN, "this group is invite-only"));
          };
        }));
  }

  Future<List<GroupJoinRequest>> joinRequests(long userId, long groupId) {
    return requireRole(userId, groupId, OWNER, ADMIN)
        .compose(role -> groups.pendingJoinRequests(groupId))
        .compose(rows -> requestViews(userId, rows));
  }

  Future<Void> decide(long userId, long groupId, long requestId, boolean accept) {
    return requireRole(userId, groupId, OWNER, ADMIN)
        .compose(role -> groups.joinRequest(requestId))
        .compose(found -> {
          if (found.isEmpty() || found.get().groupId() != groupId) {
            return Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such join request"));
          }
          JoinRequestRow request = found.get();
          if (!request.status().equals("pending")) {
            return Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED, "the request was already answered"));
          }
          if (!accept) {
            return pool.withTransaction(conn -> groups.lockPendingJoinRequest(conn, groupId, requestId)
                .compose(locked -> locked.isEmpty() ? Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED,
                    "the request was already answered"))
                    : groups.decideJoinRequest(conn, groupId, request.userId(), "rejected", userId)));
          }
          return liveGroup(groupId).compose(group -> addMembers(userId, group, List.of(request.userId()), "joined",
              requestId));
        });
  }

  Future<List<GroupMember>> invite(long userId, long groupId, List<Long> userIds) {
    List<Long> invited = ids("userIds", userIds);
    invited.remove(userId);
    return requireRole(userId, groupId, OWNER, ADMIN, MEMBER)
        .compose(role -> allFriends(userId, invited, "userIds"))
        .compose(x -> liveGroup(groupId))
        .compose(group -> addMembers(userId, group, invited, "joined"))
        .compose(x -> groups.members(userId, groupId))
        .map(rows -> rows.stream().filter(m -> invited.contains(m.user().id())).map(Groups::view).toList());
  }

  /** Roles are read with the group row locked, so a concurrent transfer or role change cannot slip between. */
  Future<Void> remove(long userId, long groupId, long memberId) {
    return visibleGroup(userId, groupId).compose(visible -> groups.memberIds(groupId).compose(before ->
        pool.withTransaction(conn -> lockedGroup(conn, groupId).compose(group -> groups.role(conn, groupId, userId)
            .compose(myRole -> {
              if (myRole == null) {
                return Future.failedFuture(notMember());
              }
              if (memberId == userId && myRole.equals(OWNER)) {
                return Future.failedFuture(Failures.of(AccountService.OWNER_CANNOT_LEAVE,
                    "transfer the group to a member or dissolve it"));
              }
              return (memberId == userId ? Future.succeededFuture(myRole) : groups.role(conn, groupId, memberId))
                  .compose(theirRole -> {
                    if (theirRole == null) {
                      return Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such member"));
                    }
                    boolean allowed = memberId == userId || myRole.equals(OWNER)
                        || (myRole.equals(ADMIN) && theirRole.equals(MEMBER));
                    if (!allowed) {
                      return Future.failedFuture(Failures.of(Failures.FORBIDDEN, "you cannot remove that member"));
                    }
                    return groups.removeMember(conn, groupId, memberId)
                        .compose(x -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.REMOVE, groupId,
                            List.of(memberId))))
                        .map(entry -> new Written<>(group, entry));
                  });
            })))
        .compose(this::settled)
        .compose(group -> users.findById(UserRepository.NOBODY, memberId).map(profile -> {
          JsonObject user = profile.map(p -> Profiles.publicView(p).toJson())
              .orElse(new JsonObject().put("id", memberId));
          events.send(before, Pushes.GROUP_MEMBER_LEFT, new JsonObject().put("groupId", groupId).put("user", user));
          domainEvent(memberId == userId ? "left" : "removed", group, userId, List.of(memberId), null);
          return null;
        }))));
  }

  Future<GroupMember> nickname(long userId, long groupId, String nickname) {
    String clean = rules.nickname(nickname);
    return requireRole(userId, groupId, OWNER, ADMIN, MEMBER)
        .compose(role -> groups.setMember(pool, groupId, userId, "nickname", clean))
        .compose(x -> announceMember(groupId, userId));
  }

  Future<GroupMember> role(long userId, long groupId, long memberId, String role) {
    if (!ADMIN.equals(role) && !MEMBER.equals(role)) {
      throw Failures.invalid("role", "must be admin or member");
    }
    return requireRole(userId, groupId, OWNER)
        .compose(x -> pool.withTransaction(conn -> lockedGroup(conn, groupId)
            .compose(group -> requireRoleIn(conn, groupId, userId, OWNER)
                .compose(y -> groups.role(conn, groupId, memberId))
                .compose(theirRole -> {
                  if (theirRole == null) {
                    return Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such member"));
                  }
                  if (theirRole.equals(OWNER)) {
                    return Future.failedFuture(Failures.invalid("userId", "is the owner; transfer the group instead"));
                  }
                  return groups.setMember(conn, groupId, memberId, "role", role)
                      .compose(y -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.ROLE, groupId,
                          List.of(memberId)).setRole(role)));
                })
                .map(entry -> new Written<>(group, entry)))))
        .compose(this::settled)
        .compose(group -> {
          domainEvent("role_changed", group, userId, List.of(memberId), new JsonObject().put("role", role));
          return announceMember(groupId, memberId);
        });
  }

  Future<Group> transfer(long userId, long groupId, long newOwnerId) {
    if (newOwnerId == userId) {
      throw Failures.invalid("userId", "is you already");
    }
    return requireRole(userId, groupId, OWNER)
        .compose(x -> pool.withTransaction(conn -> lockedGroup(conn, groupId)
            .compose(group -> requireRoleIn(conn, groupId, userId, OWNER)
                .compose(y -> groups.role(conn, groupId, newOwnerId))
                .compose(theirRole -> theirRole == null
                    ? Future.failedFuture(Failures.invalid("userId", "is not a member of the group"))
                    : groups.setMember(conn, groupId, newOwnerId, "role", OWNER))
                .compose(y -> groups.setMember(conn, groupId, userId, "role", ADMIN))
                .compose(y -> groups.update(conn, groupId, Map.of("owner_id", newOwnerId)))
                .compose(y -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.ROLE, groupId,
                    List.of(newOwnerId)).setRole(OWNER)))
                // the second is applied after the first: waiting for it waits for both
                .compose(y -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.ROLE, groupId,
                    List.of(userId)).setRole(ADMIN)))
                .map(entry -> new Written<>(groupId, entry)))))
        .compose(this::settled)
        .compose(this::liveGroup)
        .compose(group -> announceGroup(group).map(view -> {
          domainEvent("transferred", group, userId, List.of(newOwnerId), null);
          return view;
        }));
  }

  Future<Void> dissolve(long userId, long groupId) {
    return requireRole(userId, groupId, OWNER)
        .compose(x -> liveGroup(groupId))
        .compose(group -> groups.memberIds(groupId).compose(members -> pool.withTransaction(conn ->
                lockedGroup(conn, groupId)
                    .compose(locked -> requireRoleIn(conn, groupId, userId, OWNER))
                    .compose(y -> groups.dissolve(conn, groupId))
                    .compose(y -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.CLOSE_GROUP, groupId,
                        List.of())))
                    .map(entry -> new Written<>(groupId, entry)))
            .compose(this::settled)
            .map(y -> {
              events.send(members, Pushes.GROUP_DISSOLVED, new JsonObject().put("groupId", groupId));
              domainEvent("dissolved", group, userId, members, null);
              return null;
            })));
  }

  /**
   * The chat service has opened a group's conversation: the group learns its id. If nobody waited
   * for it (the chat service was away when the group was made), its members hear of it now.
   */
  Future<Void> conversationOpened(long groupId, long conversationId, boolean late) {
    return groups.setConversation(groupId, conversationId).compose(changed -> !changed || !late
        ? Future.succeededFuture()
        : groups.find(groupId).compose(found -> found.isEmpty() ? Future.succeededFuture()
            : announceGroup(found.get()).mapEmpty()));
  }

  // ----

  /** What a transaction made, and the outbox entry it wrote (0 for none). */
  private record Written<T>(T value, long outboxEntry) {
  }

  /** The value once the chat service has applied the entry, or after the relay's wait. */
  private <T> Future<T> settled(Written<T> written) {
    return written.outboxEntry() == 0 ? Future.succeededFuture(written.value())
        : relay.settled(written.outboxEntry()).map(written.value());
  }

  /**
   * Adds users to a group within the member limit (the group row is locked so that concurrent joins
   * cannot overshoot it), and to its conversation through the outbox; pending requests of the
   * newcomers are closed. Members new and old hear of it.
   */
  private Future<Void> addMembers(long actorId, GroupRow group, List<Long> userIds, String what) {
    return addMembers(actorId, group, userIds, what, null);
  }

  /** With {@code requestId}, that join request must still be pending, and is closed as accepted. */
  private Future<Void> addMembers(long actorId, GroupRow group, List<Long> userIds, String what, Long requestId) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> lockedGroup(conn, group.id())
            .compose(locked -> requestId == null ? Future.succeededFuture()
                : groups.lockPendingJoinRequest(conn, group.id(), requestId).compose(pending -> pending.isEmpty()
                    ? Future.failedFuture(Failures.of(AccountService.REQUEST_CLOSED, "the request was already answered"))
                    : groups.decideJoinRequest(conn, group.id(), pending.get().userId(), "accepted", actorId)))
            .compose(locked -> groups.memberIds(conn, group.id()))
            .compose(current -> {
              List<Long> newcomers = userIds.stream().filter(id -> !current.contains(id)).distinct().toList();
              if (current.size() + newcomers.size() > rules.groupMembersMax) {
                return Future.failedFuture(Failures.of(AccountService.GROUP_FULL,
                    "a group has at most " + rules.groupMembersMax + " members"));
              }
              if (newcomers.isEmpty()) {
                return Future.succeededFuture(new Written<>(newcomers, 0L));
              }
              return groups.addMembers(conn, group.id(), newcomers, MEMBER)
                  .compose(x -> closeRequests(conn, group.id(), newcomers, actorId))
                  .compose(x -> outbox.append(conn, MembershipChange.ofGroup(MembershipChange.ADD, group.id(), newcomers)))
                  .map(entry -> new Written<>(newcomers, entry));
            }))
        .compose(this::settled)
        .compose(newcomers -> newcomers.isEmpty() ? Future.succeededFuture()
            : liveGroup(group.id()).compose(updated -> groups.memberIds(group.id()).compose(all ->
                users.findByIds(UserRepository.NOBODY, newcomers).map(profiles -> {
                  JsonObject groupJson = view(updated).toJson();
                  for (long id : newcomers) {
                    if (profiles.containsKey(id)) {
                      events.send(all, Pushes.GROUP_MEMBER_JOINED, new JsonObject().put("groupId", group.id())
                          .put("user", Profiles.publicView(profiles.get(id)).toJson()));
                    }
                  }
                  events.send(newcomers, Pushes.GROUP_UPDATED, new JsonObject().put("group", groupJson));
                  domainEvent(what, updated, actorId, newcomers, null);
                  return null;
                }))));
  }

  private Future<Void> closeRequests(io.vertx.sqlclient.SqlConnection conn, long groupId, List<Long> userIds, long by) {
    Future<Void> chain = Future.succeededFuture();
    for (long id : userIds) {
      chain = chain.compose(x -> groups.decideJoinRequest(conn, groupId, id, "accepted", by));
    }
    return chain;
  }

  /** The group row, locked until the transaction ends; a dissolved group is gone. */
  private Future<GroupRow> lockedGroup(io.vertx.sqlclient.SqlConnection conn, long groupId) {
    return groups.lock(conn, groupId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such group"))));
  }

  /** The caller's role read inside the transaction that holds the group lock. */
  private Future<String> requireRoleIn(io.vertx.sqlclient.SqlConnection conn, long groupId, long userId,
                                       String... allowed) {
    return groups.role(conn, groupId, userId).compose(role -> role != null && List.of(allowed).contains(role)
        ? Future.succeededFuture(role)
        : Future.failedFuture(Failures.of(Failures.FORBIDDEN, "your role in the group does not allow this")));
  }

  private Future<GroupRow> liveGroup(long groupId) {
    return groups.find(groupId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such group"))));
  }

  /** Invite-only groups do not exist for outsiders. */
  private Future<GroupRow> visibleGroup(long userId, long groupId) {
    return liveGroup(groupId).compose(group -> !group.joinPolicy().equals("invite")
        ? Future.succeededFuture(group)
        : groups.role(groupId, userId).compose(role -> role != null ? Future.succeededFuture(group)
            : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such group"))));
  }

  /** The user's role if it is one of those allowed; a non-member of a visible group gets 403. */
  private Future<String> requireRole(long userId, long groupId, String... allowed) {
    return visibleGroup(userId, groupId).compose(group -> groups.role(groupId, userId)).compose(role -> {
      if (role == null) {
        return Future.failedFuture(notMember());
      }
      return List.of(allowed).contains(role) ? Future.succeededFuture(role)
          : Future.failedFuture(Failures.of(Failures.FORBIDDEN, "your role in the group does not allow this"));
    });
  }

  private Future<Void> allFriends(long userId, List<Long> ids, String field) {
    Future<Void> chain = Future.succeededFuture();
    for (long id : ids) {
      chain = chain.compose(x -> friends.areFriends(userId, id)).compose(friend -> friend
          ? users.findById(id)
          : Future.failedFuture(Failures.invalid(field, id + " is not one of your friends")))
          // the assistant answers in its own conversations only: a group's messages are not for it
          .compose(user -> user.isPresent() && AssistantAccounts.isSystem(user.get())
              ? Future.failedFuture(Failures.invalid(field, id + " is the assistant, which cannot join groups"))
              : Future.<Void>succeededFuture());
    }
    return chain;
  }

  private Future<Group> announceGroup(GroupRow group) {
    Group view = view(group);
    return groups.memberIds(group.id()).map(members -> {
      events.send(members, Pushes.GROUP_UPDATED, new JsonObject().put("group", view.toJson()));
      return view;
    });
  }

  /** Everyone gets the same member, so nobody's presence shows in it. */
  private Future<GroupMember> announceMember(long groupId, long memberId) {
    return groups.member(UserRepository.NOBODY, groupId, memberId)
        .map(found -> view(found.orElseThrow()))
        .compose(member -> groups.memberIds(groupId).map(members -> {
          events.send(members, Pushes.GROUP_MEMBER_UPDATED,
              new JsonObject().put("groupId", groupId).put("member", member.toJson()));
          return member;
        }));
  }

  private Future<Void> announceJoinRequest(long groupId, GroupJoinRequest request) {
    return groups.members(UserRepository.NOBODY, groupId).map(members -> {
      List<Long> deciders = members.stream().filter(m -> !m.role().equals(MEMBER)).map(m -> m.user().id()).toList();
      events.send(deciders, Pushes.GROUP_JOIN_REQUEST, new JsonObject().put("request", request.toJson()));
      return null;
    });
  }

  private Future<List<GroupJoinRequest>> requestViews(long viewerId, List<JoinRequestRow> rows) {
    return users.findByIds(viewerId, rows.stream().map(JoinRequestRow::userId).toList())
        .map(profiles -> rows.stream().filter(r -> profiles.containsKey(r.userId()))
            .map(r -> new GroupJoinRequest().setId(r.id()).setGroupId(r.groupId())
                .setUser(Profiles.publicView(profiles.get(r.userId()))).setMessage(r.message())
                .setStatus(r.status()).setCreatedAt(Times.iso(r.createdAt())))
            .toList());
  }

  private void domainEvent(String what, GroupRow group, long actorId, List<Long> userIds, JsonObject changes) {
    JsonObject event = new JsonObject().put("eventId", java.util.UUID.randomUUID().toString())
        .put("what", what).put("groupId", group.id())
        .put("conversationId", group.conversationId()).put("actorId", actorId);
    if (userIds != null) {
      event.put("userIds", new JsonArray(new ArrayList<>(userIds)));
    }
    if (changes != null) {
      event.put("changes", changes);
    }
    vertx.eventBus().publish(AccountEvents.GROUP_CHANGED, event);
  }

  private static ServiceException notMember() {
    return Failures.of(Failures.FORBIDDEN, "you are not a member of this group");
  }

  /** The distinct ids of a required list of positive ids. */
  private static List<Long> ids(String field, List<Long> value) {
    if (value == null) {
      throw Failures.invalid(field, "is required");
    }
    Set<Long> out = new LinkedHashSet<>();
    for (Long id : value) {
      if (id == null || id < 1) {
        throw Failures.invalid(field, "must be an array of user ids");
      }
      out.add(id);
    }
    return new ArrayList<>(out);
  }

  static Group view(GroupRow row) {
    return new Group().setId(row.id()).setName(row.name())
        .setAvatarUrl(row.avatarFileId() == null ? null : "/api/v1/files/" + row.avatarFileId())
        .setAnnouncement(row.announcement()).setOwnerId(row.ownerId()).setMemberCount(row.memberCount())
        .setConversationId(row.conversationId() == null ? 0 : row.conversationId())
        .setJoinPolicy(row.joinPolicy()).setCreatedAt(Times.iso(row.createdAt()));
  }

  static GroupMember view(MemberRow row) {
    return new GroupMember().setUser(Profiles.publicView(row.user())).setRole(row.role())
        .setNickname(row.nickname()).setJoinedAt(Times.iso(row.joinedAt()));
  }
}
