package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A friend request as the contract shows it. */
@DataObject
@JsonGen(publicConverter = false)
public class FriendRequest {

  private long id;
  private UserProfile from;
  private UserProfile to;
  private String message;
  /** {@code pending}, {@code accepted} or {@code rejected}. */
  private String status;
  private String createdAt;

  public FriendRequest() {
  }

  public FriendRequest(JsonObject json) {
    FriendRequestConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FriendRequestConverter.toJson(this, json);
    json.put("message", message);
    return json;
  }

  public long getId() {
    return id;
  }

  public FriendRequest setId(long id) {
    this.id = id;
    return this;
  }

  public UserProfile getFrom() {
    return from;
  }

  public FriendRequest setFrom(UserProfile from) {
    this.from = from;
    return this;
  }

  public UserProfile getTo() {
    return to;
  }

  public FriendRequest setTo(UserProfile to) {
    this.to = to;
    return this;
  }

  public String getMessage() {
    return message;
  }

  public FriendRequest setMessage(String message) {
    this.message = message;
    return this;
  }

  public String getStatus() {
    return status;
  }

  public FriendRequest setStatus(String status) {
    this.status = status;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public FriendRequest setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }

}
