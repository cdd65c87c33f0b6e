package ling.client.groups;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import ling.client.ui.Fx;
import ling.client.api.Models.Friend;
import ling.client.api.Models.Group;
import ling.client.api.Models.GroupMember;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;

/**
 * What a member may do with a group: everyone sees the members, invites friends, sets a nickname
 * and leaves; owner and admins rename, change the announcement and remove members; the owner
 * makes admins and dissolves the group.
 */
public final class GroupInfoController {

  private final GroupInfoView view;
  private final GroupsModel groups;
  private final GroupMembers members;
  /** The user's friends, whom they may invite. */
  private final java.util.function.Supplier<List<Friend>> friends;
  private final long myId;
  private final Texts texts;
  private Group group;

  public GroupInfoController(GroupInfoView view, GroupsModel groups, java.util.function.Supplier<List<Friend>> friends,
                             long myId, Texts texts) {
    this.view = view;
    this.groups = groups;
    this.members = groups.members();
    this.friends = friends;
    this.myId = myId;
    this.texts = texts;
    view.save.setOnAction(e -> save());
    view.invite.setOnAction(e -> invite());
    view.avatar.setOnAction(e -> {
      javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
      chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Images", "*.png", "*.jpg",
          "*.jpeg", "*.gif", "*.bmp"));
      java.io.File chosen = chooser.showOpenDialog(view.getScene().getWindow());
      if (chosen != null) {
        setAvatar(chosen.toPath());
      }
    });
    view.saveNickname.setOnAction(e -> Fx.whenDone(groups.setNickname(group.id(), view.nickname.getText().strip()),
        x -> { }, this::failed));
    view.leave.setOnAction(e -> Fx.whenDone(groups.remove(group.id(), myId, true), x -> { }, this::failed));
    view.dissolve.setOnAction(e -> Fx.whenDone(groups.dissolve(group.id()), x -> { }, this::failed));
    view.members.setCellFactory(list -> new ListCell<>() {
      @Override
      protected void updateItem(GroupMember member, boolean empty) {
        super.updateItem(member, empty);
        setGraphic(empty || member == null ? null : row(member));
      }
    });
  }

  /** Shows a group; what the user may change follows their role in it. */
  public void show(Group shown) {
    this.group = shown;
    view.name.setText(shown.name());
    view.announcement.setText(shown.announcement() == null ? "" : shown.announcement());
    view.message.setText("");
    view.members.setItems(members.of(shown.id()));
    members.of(shown.id()).addListener((javafx.collections.ListChangeListener<GroupMember>) c -> roles());
    roles();
  }

  private void roles() {
    GroupMember me = members.member(group.id(), myId);
    String role = me == null ? "member" : me.role();
    boolean manages = "owner".equals(role) || "admin".equals(role);
    view.name.setEditable(manages);
    view.announcement.setEditable(manages);
    view.save.setVisible(manages);
    view.avatar.setVisible(manages);
    view.dissolve.setVisible("owner".equals(role));
    view.leave.setVisible(!"owner".equals(role));
    if (me != null && !view.nickname.isEditing()) {
      view.nickname.setText(me.nickname() == null ? "" : me.nickname());
    }
    view.members.refresh();
  }

  private HBox row(GroupMember member) {
    Label name = new Label(GroupMembers.shownName(member));
    Label role = new Label(texts.get("groups.role." + member.role()));
    role.getStyleClass().add("muted-text");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    // a long name gives way to the role and the actions; the row keeps to the list's width
    name.setMinWidth(0);
    role.setMinWidth(Region.USE_PREF_SIZE);
    HBox row = new HBox(6, Avatar.of(GroupMembers.shownName(member)), name, role, gap);
    row.setAlignment(Pos.CENTER_LEFT);
    row.setPrefWidth(0);
    row.setId("member-" + member.user().username());
    GroupMember me = members.member(group.id(), myId);
    String myRole = me == null ? "member" : me.role();
    boolean isMe = member.user().id() == myId;
    if (!isMe && "owner".equals(myRole) && !"owner".equals(member.role())) {
      boolean admin = "admin".equals(member.role());
      Button promote = ling.client.ui.Icons.button("promote-" + member.user().username(),
          ling.client.ui.Icons.MAKE_ADMIN, texts.get(admin ? "groups.unsetAdmin" : "groups.setAdmin"));
      promote.setOnAction(e -> Fx.whenDone(groups.setRole(group.id(), member.user().id(), admin ? "member" : "admin"),
          x -> { }, this::failed));
      row.getChildren().add(promote);
    }
    if (!isMe && ("owner".equals(myRole) || ("admin".equals(myRole) && "member".equals(member.role())))) {
      Button remove = ling.client.ui.Icons.button("remove-" + member.user().username(),
          ling.client.ui.Icons.REMOVE_MEMBER, texts.get("groups.remove"));
      remove.setOnAction(e -> Fx.whenDone(groups.remove(group.id(), member.user().id(), false), x -> { },
          this::failed));
      row.getChildren().add(remove);
    }
    return row;
  }

  /** A picture of the user's as the group's avatar (owner and admins). */
  public void setAvatar(java.nio.file.Path picture) {
    Fx.whenDone(groups.setAvatar(group.id(), picture), updated -> group = updated, this::failed);
  }

  private void save() {
    Fx.whenDone(groups.update(group.id(), view.name.getText().strip(), view.announcement.getText().strip()),
        updated -> group = updated, this::failed);
  }

  /** Friends who are not in the group yet, picked in the same dialog as a new group's. */
  private void invite() {
    List<Long> present = members.of(group.id()).stream().map(m -> m.user().id()).toList();
    List<Friend> candidates = friends.get().stream().filter(f -> !present.contains(f.user().id())).toList();
    NewGroupDialog dialog = new NewGroupDialog(texts, candidates);
    ling.client.ui.Themes.follow(dialog, view.getScene());
    dialog.forInvite(group.name());
    dialog.ask(choice -> {
      if (!choice.memberIds().isEmpty()) {
        Fx.whenDone(groups.invite(group.id(), choice.memberIds()), x -> { }, this::failed);
      }
    });
  }

  private void failed(Throwable err) {
    view.message.setText(texts.failure(err));
  }
}
