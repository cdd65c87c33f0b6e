package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Who a call in a conversation concerns: the conversation's type, whether it is closed, its active members. */
@DataObject
@JsonGen(publicConverter = false)
public class CallScope {

  /** {@code direct} or {@code group}. */
  private String type;
  private boolean closed;
  private List<Long> memberIds = new ArrayList<>();

  public CallScope() {
  }

  public CallScope(JsonObject json) {
    CallScopeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    CallScopeConverter.toJson(this, json);
    return json;
  }

  public boolean group() {
    return "group".equals(type);
  }

  public String getType() {
    return type;
  }

  public CallScope setType(String type) {
    this.type = type;
    return this;
  }

  public boolean isClosed() {
    return closed;
  }

  public CallScope setClosed(boolean closed) {
    this.closed = closed;
    return this;
  }

  public List<Long> getMemberIds() {
    return memberIds;
  }

  public CallScope setMemberIds(List<Long> memberIds) {
    this.memberIds = memberIds == null ? new ArrayList<>() : new ArrayList<>(memberIds);
    return this;
  }
}
