package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The outcome of asking to join a group. */
@DataObject
@JsonGen(publicConverter = false)
public class GroupJoinResult {

  /** {@code joined} (open group) or {@code pending} (approval needed). */
  private String status;
  /** The group, once joined. */
  private Group group;
  /** The request, while pending. */
  private GroupJoinRequest request;

  public GroupJoinResult() {
  }

  public GroupJoinResult(JsonObject json) {
    GroupJoinResultConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    GroupJoinResultConverter.toJson(this, json);
    return json;
  }

  public String getStatus() {
    return status;
  }

  public GroupJoinResult setStatus(String status) {
    this.status = status;
    return this;
  }

  public Group getGroup() {
    return group;
  }

  public GroupJoinResult setGroup(Group group) {
    this.group = group;
    return this;
  }

  public GroupJoinRequest getRequest() {
    return request;
  }

  public GroupJoinResult setRequest(GroupJoinRequest request) {
    this.request = request;
    return this;
  }

}
