package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What a client sends: the WebSocket {@code send} frame or the POST body. */
@DataObject
@JsonGen(publicConverter = false)
public class SendRequest {

  /** Client-made, unique per sender: resending it returns the first message. */
  private String clientMsgId;
  private long conversationId;
  private String kind;
  private String text;
  private Long fileId;
  private Long replyToId;
  /** Group members the text mentions (text messages in groups only); each must be an active member. */
  private java.util.List<Long> mentions;
  /** Mentions everyone in the group: its owner and admins only. */
  private boolean mentionAll;

  public SendRequest() {
  }

  public SendRequest(JsonObject json) {
    SendRequestConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SendRequestConverter.toJson(this, json);
    return json;
  }

  public String getClientMsgId() {
    return clientMsgId;
  }

  public SendRequest setClientMsgId(String clientMsgId) {
    this.clientMsgId = clientMsgId;
    return this;
  }

  public long getConversationId() {
    return conversationId;
  }

  public SendRequest setConversationId(long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public String getKind() {
    return kind;
  }

  public SendRequest setKind(String kind) {
    this.kind = kind;
    return this;
  }

  public String getText() {
    return text;
  }

  public SendRequest setText(String text) {
    this.text = text;
    return this;
  }

  public Long getFileId() {
    return fileId;
  }

  public SendRequest setFileId(Long fileId) {
    this.fileId = fileId;
    return this;
  }

  public Long getReplyToId() {
    return replyToId;
  }

  public SendRequest setReplyToId(Long replyToId) {
    this.replyToId = replyToId;
    return this;
  }

  public java.util.List<Long> getMentions() {
    return mentions;
  }

  public SendRequest setMentions(java.util.List<Long> mentions) {
    this.mentions = mentions;
    return this;
  }

  public boolean isMentionAll() {
    return mentionAll;
  }

  public SendRequest setMentionAll(boolean mentionAll) {
    this.mentionAll = mentionAll;
    return this;
  }

}
