package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A member of a group. */
@DataObject
@JsonGen(publicConverter = false)
public class GroupMember {

  private UserProfile user;
  /** {@code owner}, {@code admin} or {@code member}. */
  private String role;
  /** The member's name in this group, or null. */
  private String nickname;
  private String joinedAt;

  public GroupMember() {
  }

  public GroupMember(JsonObject json) {
    GroupMemberConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    GroupMemberConverter.toJson(this, json);
    json.put("nickname", nickname);
    return json;
  }

  public UserProfile getUser() {
    return user;
  }

  public GroupMember setUser(UserProfile user) {
    this.user = user;
    return this;
  }

  public String getRole() {
    return role;
  }

  public GroupMember setRole(String role) {
    this.role = role;
    return this;
  }

  public String getNickname() {
    return nickname;
  }

  public GroupMember setNickname(String nickname) {
    this.nickname = nickname;
    return this;
  }

  public String getJoinedAt() {
    return joinedAt;
  }

  public GroupMember setJoinedAt(String joinedAt) {
    this.joinedAt = joinedAt;
    return this;
  }

}
