package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A change of who is in a conversation, decided by the account service and delivered from its
 * outbox at least once. {@code seq} numbers the changes of one group (or one pair of friends) from
 * 1 without gaps: the chat service applies each exactly once and in that order, and refuses one
 * that comes before its predecessor ({@link ChatService#CHANGE_OUT_OF_ORDER}).
 */
@DataObject
@JsonGen(publicConverter = false)
public class MembershipChange {

  /** A group's conversation opens with its first members; {@code ownerId} is its owner. */
  public static final String OPEN_GROUP = "open_group";
  public static final String ADD = "add";
  public static final String REMOVE = "remove";
  /** {@code userIds} take {@code role} (owner, admin or member). */
  public static final String ROLE = "role";
  public static final String CLOSE_GROUP = "close_group";
  /** Two friends' conversation opens (or reopens, history intact); {@code userIds} is the pair. */
  public static final String OPEN_DIRECT = "open_direct";
  public static final String CLOSE_DIRECT = "close_direct";

  private String kind;
  private long seq;
  private long groupId;
  private List<Long> userIds = new ArrayList<>();
  private String role;
  private long ownerId;

  public MembershipChange() {
  }

  public MembershipChange(JsonObject json) {
    MembershipChangeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    MembershipChangeConverter.toJson(this, json);
    return json;
  }

  public static MembershipChange ofGroup(String kind, long groupId, List<Long> userIds) {
    return new MembershipChange().setKind(kind).setGroupId(groupId).setUserIds(userIds);
  }

  public static MembershipChange ofPair(String kind, long userA, long userB) {
    return new MembershipChange().setKind(kind).setUserIds(List.of(Math.min(userA, userB), Math.max(userA, userB)));
  }

  public boolean direct() {
    return OPEN_DIRECT.equals(kind) || CLOSE_DIRECT.equals(kind);
  }

  /** What orders the changes: one group, or one pair of users. */
  public String orderKey() {
    return direct() ? "pair:" + userIds.get(0) + ":" + userIds.get(1) : "group:" + groupId;
  }

  public String getKind() {
    return kind;
  }

  public MembershipChange setKind(String kind) {
    this.kind = kind;
    return this;
  }

  public long getSeq() {
    return seq;
  }

  public MembershipChange setSeq(long seq) {
    this.seq = seq;
    return this;
  }

  public long getGroupId() {
    return groupId;
  }

  public MembershipChange setGroupId(long groupId) {
    this.groupId = groupId;
    return this;
  }

  public List<Long> getUserIds() {
    return userIds;
  }

  public MembershipChange setUserIds(List<Long> userIds) {
    this.userIds = userIds == null ? new ArrayList<>() : new ArrayList<>(userIds);
    return this;
  }

  public String getRole() {
    return role;
  }

  public MembershipChange setRole(String role) {
    this.role = role;
    return this;
  }

  public long getOwnerId() {
    return ownerId;
  }

  public MembershipChange setOwnerId(long ownerId) {
    this.ownerId = ownerId;
    return this;
  }

  @Override
  public String toString() {
    return kind + " #" + seq + " of " + orderKey() + " " + userIds + (role == null ? "" : " as " + role);
  }
}
