package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A group chat as the contract shows it. */
@DataObject
@JsonGen(publicConverter = false)
public class Group {

  private long id;
  private String name;
  private String avatarUrl;
  private String announcement;
  private long ownerId;
  private int memberCount;
  private long conversationId;
  /** {@code open}, {@code approval} or {@code invite}. */
  private String joinPolicy;
  private String createdAt;

  public Group() {
  }

  public Group(JsonObject json) {
    GroupConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    GroupConverter.toJson(this, json);
    json.put("avatarUrl", avatarUrl).put("announcement", announcement);
    return json;
  }

  public long getId() {
    return id;
  }

  public Group setId(long id) {
    this.id = id;
    return this;
  }

  public String getName() {
    return name;
  }

  public Group setName(String name) {
    this.name = name;
    return this;
  }

  public String getAvatarUrl() {
    return avatarUrl;
  }

  public Group setAvatarUrl(String avatarUrl) {
    this.avatarUrl = avatarUrl;
    return this;
  }

  public String getAnnouncement() {
    return announcement;
  }

  public Group setAnnouncement(String announcement) {
    this.announcement = announcement;
    return this;
  }

  public long getOwnerId() {
    return ownerId;
  }

  public Group setOwnerId(long ownerId) {
    this.ownerId = ownerId;
    return this;
  }

  public int getMemberCount() {
    return memberCount;
  }

  public Group setMemberCount(int memberCount) {
    this.memberCount = memberCount;
    return this;
  }

  public long getConversationId() {
    return conversationId;
  }

  public Group setConversationId(long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public String getJoinPolicy() {
    return joinPolicy;
  }

  public Group setJoinPolicy(String joinPolicy) {
    this.joinPolicy = joinPolicy;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public Group setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }

}
