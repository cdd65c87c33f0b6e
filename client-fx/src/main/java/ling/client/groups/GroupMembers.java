package ling.client.groups;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.Models.GroupMember;

/** Members of the groups the user has open, fetched once and again when the group changes. */
public final class GroupMembers {

  private final Gateway gateway;
  private final Map<Long, ObservableList<GroupMember>> byGroup = new HashMap<>();

  public GroupMembers(Gateway gateway) {
    this.gateway = gateway;
  }

  public ObservableList<GroupMember> of(long groupId) {
    return byGroup.computeIfAbsent(groupId, id -> {
      ObservableList<GroupMember> members = FXCollections.observableArrayList();
      load(id, members);
      return members;
    });
  }

  /** A group changed (members, roles, nicknames): fetch its members again if they are shown. */
  public void changed(long groupId) {
    ObservableList<GroupMember> members = byGroup.get(groupId);
    if (members != null) {
      load(groupId, members);
    }
  }

  public GroupMember member(long groupId, long userId) {
    return of(groupId).stream().filter(m -> m.user().id() == userId).findFirst().orElse(null);
  }

  /** How a member is called in the group: the group nickname, else the display name. */
  public static String shownName(GroupMember member) {
    return member.nickname() != null && !member.nickname().isBlank() ? member.nickname() : member.user().name();
  }

  private void load(long groupId, ObservableList<GroupMember> into) {
    Fx.whenDone(gateway.members(groupId), (List<GroupMember> fresh) -> into.setAll(fresh), err -> { });
  }
}
