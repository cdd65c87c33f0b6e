package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A request to join a group that needs approval. */
@DataObject
@JsonGen(publicConverter = false)
public class GroupJoinRequest {

  private long id;
  private long groupId;
  private UserProfile user;
  private String message;
  /** {@code pending}, {@code accepted} or {@code rejected}. */
  private String status;
  private String createdAt;

  public GroupJoinRequest() {
  }

  public GroupJoinRequest(JsonObject json) {
    GroupJoinRequestConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    GroupJoinRequestConverter.toJson(this, json);
    json.put("message", message);
    return json;
  }

  public long getId() {
    return id;
  }

  public GroupJoinRequest setId(long id) {
    this.id = id;
    return this;
  }

  public long getGroupId() {
    return groupId;
  }

  public GroupJoinRequest setGroupId(long groupId) {
    this.groupId = groupId;
    return this;
  }

  public UserProfile getUser() {
    return user;
  }

  public GroupJoinRequest setUser(UserProfile user) {
    this.user = user;
    return this;
  }

  public String getMessage() {
    return message;
  }

  public GroupJoinRequest setMessage(String message) {
    this.message = message;
    return this;
  }

  public String getStatus() {
    return status;
  }

  public GroupJoinRequest setStatus(String status) {
    this.status = status;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public GroupJoinRequest setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }

}
