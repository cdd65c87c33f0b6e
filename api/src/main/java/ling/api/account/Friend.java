package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** One of a user's friends, as that user sees them. */
@DataObject
@JsonGen(publicConverter = false)
public class Friend {

  private UserProfile user;
  /** The owner's private name for the friend, or null. */
  private String remark;
  /** The contact folder the friend is in. */
  private long groupId;
  /** Their direct conversation. */
  private long conversationId;
  private String since;

  public Friend() {
  }

  public Friend(JsonObject json) {
    FriendConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FriendConverter.toJson(this, json);
    json.put("remark", remark);
    return json;
  }

  public UserProfile getUser() {
    return user;
  }

  public Friend setUser(UserProfile user) {
    this.user = user;
    return this;
  }

  public String getRemark() {
    return remark;
  }

  public Friend setRemark(String remark) {
    this.remark = remark;
    return this;
  }

  public long getGroupId() {
    return groupId;
  }

  public Friend setGroupId(long groupId) {
    this.groupId = groupId;
    return this;
  }

  public long getConversationId() {
    return conversationId;
  }

  public Friend setConversationId(long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public String getSince() {
    return since;
  }

  public Friend setSince(String since) {
    this.since = since;
    return this;
  }

}
