package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A message as the contract shows it; a recalled one keeps its place but loses its content. */
@DataObject
@JsonGen(publicConverter = false)
public class ChatMessage {

  private long id;
  private long conversationId;
  /** 1, 2, 3… per conversation, in commit order, without gaps. */
  private long seq;
  private long senderId;
  private String clientMsgId;
  /** {@code text}, {@code image}, {@code file}, {@code video}, {@code voice}, {@code call} or {@code system}. */
  private String kind;
  private String text;
  /** {@code {fileId, name, size, mime, …}} for file kinds. */
  private JsonObject file;
  private Long replyToId;
  /** {@code {media, outcome, durationMs}} for call messages. */
  private JsonObject call;
  /** For system messages: the change they record ({@code what}, {@code actorId}, {@code userIds}, …). */
  private JsonObject system;
  private String createdAt;
  private boolean recalled;
  /** The members a group text mentions; absent when none. */
  private java.util.List<Long> mentions;
  /** True when a group text mentions everyone; absent otherwise. */
  private Boolean mentionAll;

  public ChatMessage() {
  }

  public ChatMessage(JsonObject json) {
    ChatMessageConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ChatMessageConverter.toJson(this, json);
    json.put("text", text).put("file", file).put("replyToId", replyToId);
    return json;
  }

  public long getId() {
    return id;
  }

  public ChatMessage setId(long id) {
    this.id = id;
    return this;
  }

  public long getConversationId() {
    return conversationId;
  }

  public ChatMessage setConversationId(long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public long getSeq() {
    return seq;
  }

  public ChatMessage setSeq(long seq) {
    this.seq = seq;
    return this;
  }

  public long getSenderId() {
    return senderId;
  }

  public ChatMessage setSenderId(long senderId) {
    this.senderId = senderId;
    return this;
  }

  public String getClientMsgId() {
    return clientMsgId;
  }

  public ChatMessage setClientMsgId(String clientMsgId) {
    this.clientMsgId = clientMsgId;
    return this;
  }

  public String getKind() {
    return kind;
  }

  public ChatMessage setKind(String kind) {
    this.kind = kind;
    return this;
  }

  public String getText() {
    return text;
  }

  public ChatMessage setText(String text) {
    this.text = text;
    return this;
  }

  public JsonObject getFile() {
    return file;
  }

  public ChatMessage setFile(JsonObject file) {
    this.file = file;
    return this;
  }

  public Long getReplyToId() {
    return replyToId;
  }

  public ChatMessage setReplyToId(Long replyToId) {
    this.replyToId = replyToId;
    return this;
  }

  public JsonObject getCall() {
    return call;
  }

  public ChatMessage setCall(JsonObject call) {
    this.call = call;
    return this;
  }

  public JsonObject getSystem() {
    return system;
  }

  public ChatMessage setSystem(JsonObject system) {
    this.system = system;
    return this;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public ChatMessage setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  public boolean isRecalled() {
    return recalled;
  }

  public ChatMessage setRecalled(boolean recalled) {
    this.recalled = recalled;
    return this;
  }

  public java.util.List<Long> getMentions() {
    return mentions;
  }

  public ChatMessage setMentions(java.util.List<Long> mentions) {
    this.mentions = mentions;
    return this;
  }

  public Boolean getMentionAll() {
    return mentionAll;
  }

  public ChatMessage setMentionAll(Boolean mentionAll) {
    this.mentionAll = mentionAll;
    return this;
  }

}
