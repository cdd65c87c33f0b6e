package ling.client.groups;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import ling.client.api.FileTransfers;
import ling.client.api.Gateway;
import ling.client.api.Models.Group;
import ling.client.api.Wire;

/**
 * What the user does to groups, sent to the server, and the lists that change with it: a group's
 * members fetched again, and the lists of groups and conversations (their names and pictures)
 * reloaded by whoever holds them.
 */
public final class GroupsModel {

  private final Gateway gateway;
  private final FileTransfers files;
  private final GroupMembers members;
  private final Runnable listsChanged;

  /**
   * @param listsChanged reloads the lists that show groups (contacts, conversations): a group was
   *     renamed, given a picture, left or dissolved
   */
  public GroupsModel(Gateway gateway, FileTransfers files, GroupMembers members, Runnable listsChanged) {
    this.gateway = gateway;
    this.files = files;
    this.members = members;
    this.listsChanged = listsChanged;
  }

  public GroupMembers members() {
    return members;
  }

  /** A new name and announcement (owner and admins). */
  public CompletableFuture<Group> update(long groupId, String name, String announcement) {
    return gateway.updateGroup(groupId, Wire.object().put("name", name).put("announcement", announcement))
        .whenComplete(this::afterListChange);
  }

  /** A picture of the user's as the group's avatar (owner and admins). */
  public CompletableFuture<Group> setAvatar(long groupId, Path picture) {
    return files.upload(picture, null, p -> { }, new FileTransfers.Cancel())
        .thenCompose(file -> gateway.updateGroup(groupId, Wire.object().put("avatarFileId", file.fileId())))
        .whenComplete(this::afterListChange);
  }

  public CompletableFuture<Void> setNickname(long groupId, String nickname) {
    return gateway.setNickname(groupId, nickname).whenComplete((x, err) -> afterMembersChange(groupId, err));
  }

  public CompletableFuture<Void> invite(long groupId, List<Long> userIds) {
    return gateway.inviteToGroup(groupId, userIds).whenComplete((x, err) -> afterMembersChange(groupId, err));
  }

  public CompletableFuture<Void> setRole(long groupId, long userId, String role) {
    return gateway.setMemberRole(groupId, userId, role).whenComplete((x, err) -> afterMembersChange(groupId, err));
  }

  /** Removes a member (owner and admins), or, given the user's own id, leaves the group. */
  public CompletableFuture<Void> remove(long groupId, long userId, boolean self) {
    return gateway.removeMember(groupId, userId).whenComplete((x, err) -> {
      if (self) {
        afterListChange(x, err);
      } else {
        afterMembersChange(groupId, err);
      }
    });
  }

  public CompletableFuture<Void> dissolve(long groupId) {
    return gateway.dissolveGroup(groupId).whenComplete(this::afterListChange);
  }

  private void afterMembersChange(long groupId, Throwable err) {
    if (err == null) {
      ling.client.ui.Fx.later(() -> members.changed(groupId));
    }
  }

  private void afterListChange(Object result, Throwable err) {
    if (err == null) {
      ling.client.ui.Fx.later(listsChanged);
    }
  }
}
