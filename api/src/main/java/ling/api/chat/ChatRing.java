package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat-service instances that own conversations, and the epoch of that membership: every
 * change of it (an instance started, stopped or died) is a new epoch. A conversation belongs to one
 * member, by consistent hashing of its id over {@code members}; an instance stores a conversation's
 * messages only while the database still holds the epoch under which it owns it.
 */
@DataObject
@JsonGen(publicConverter = false)
public class ChatRing {

  private long epoch;
  private List<String> members = new ArrayList<>();

  public ChatRing() {
  }

  public ChatRing(long epoch, List<String> members) {
    this.epoch = epoch;
    this.members = new ArrayList<>(members);
  }

  public ChatRing(JsonObject json) {
    ChatRingConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ChatRingConverter.toJson(this, json);
    return json;
  }

  public long getEpoch() {
    return epoch;
  }

  public ChatRing setEpoch(long epoch) {
    this.epoch = epoch;
    return this;
  }

  public List<String> getMembers() {
    return members;
  }

  public ChatRing setMembers(List<String> members) {
    this.members = members == null ? new ArrayList<>() : members;
    return this;
  }

  @Override
  public String toString() {
    return "epoch " + epoch + " " + members;
  }
}
