package ling.api.media;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The call an invite or a join put the user in. A call just started (ringing, or a new group
 * call) names only its id and whether it is a group call; a group call joined also names its
 * conversation, media and the participants already in it, as the {@code call.joined} frame shows.
 */
@DataObject
@JsonGen(publicConverter = false)
public class CallSession {

  private long callId;
  private Long conversationId;
  private String media;
  private boolean group;
  /** Null for a call just started: nobody else is in it yet. */
  private List<Long> participants;

  public CallSession() {
  }

  public CallSession(JsonObject json) {
    CallSessionConverter.fromJson(json, this);
  }

  /** A call that has just started: in a direct conversation it rings, in a group the others are told. */
  public static CallSession started(long callId, boolean group) {
    return new CallSession().setCallId(callId).setGroup(group);
  }

  /** A group call the user is in now, with those who were there before. */
  public static CallSession joined(long callId, long conversationId, String media, List<Long> participants) {
    return new CallSession().setCallId(callId).setConversationId(conversationId).setMedia(media).setGroup(true)
        .setParticipants(participants);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    CallSessionConverter.toJson(this, json);
    return json;
  }

  /** Whether the user joined a call that was going on (rather than starting one). */
  public boolean joinedExisting() {
    return participants != null;
  }

  public long getCallId() {
    return callId;
  }

  public CallSession setCallId(long callId) {
    this.callId = callId;
    return this;
  }

  public Long getConversationId() {
    return conversationId;
  }

  public CallSession setConversationId(Long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public String getMedia() {
    return media;
  }

  public CallSession setMedia(String media) {
    this.media = media;
    return this;
  }

  public boolean isGroup() {
    return group;
  }

  public CallSession setGroup(boolean group) {
    this.group = group;
    return this;
  }

  public List<Long> getParticipants() {
    return participants;
  }

  public CallSession setParticipants(List<Long> participants) {
    this.participants = participants == null ? null : new ArrayList<>(participants);
    return this;
  }
}
