package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A user as the contract shows it; email, phone and createdAt only in the owner's own view. */
@DataObject
@JsonGen(publicConverter = false)
public class UserProfile {

  private long id;
  private String username;
  private String displayName;
  /** Where the avatar can be fetched, or null. */
  private String avatarUrl;
  private String signature;
  private boolean online;
  /** Owner's view only. */
  private String email;
  /** Owner's view only. */
  private String phone;
  /** Owner's view only; ISO-8601 UTC. */
  private String createdAt;

  public UserProfile() {
  }

  public UserProfile(JsonObject json) {
    UserProfileConverter.fromJson(json, this);
  }

  /** The contract's shape: optional public fields are present as null; private ones only in the owner's view. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    UserProfileConverter.toJson(this, json);
    json.put("avatarUrl", avatarUrl).put("signature", signature);
    if (createdAt != null) {
      json.put("email", email).put("phone", phone);
    }
    return json;
  }

  public long getId() {
    return id;
  }

  public UserProfile setId(long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public UserProfile setUsername(String username) {
    this.username = username;
    return this;
  }

  public String getDisplayName() {
    return displayName;
  }

  public UserProfile setDisplayName(String displayName) {
    this.displayName = displayName;
    return this;
  }

  public String getAvatarUrl() {
    return avatarUrl;
  }

  public UserProfile setAvatarUrl(String avatarUrl) {
    this.avatarUrl = avatarUrl;
    return this;
  }

  public String getSignature() {
    return signature;
  }

  public UserProfile setSignature(String signature) {
    this.signature = signature;
    return this;
  }

  public boolean isOnline() {
    return online;
  }

  public UserProfile setOnline(boolean online) {
    this.online = online;
    return this;
  }

  public String getEmail() {
    return email;
  }

  public UserProfile setEmail(String email) {
    this.email = email;
    return this;
  }

  public String getPhone() {
    return phone;
  }

  public UserProfile setPhone(String phone) {
    this.phone = phone;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public UserProfile setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }

}
