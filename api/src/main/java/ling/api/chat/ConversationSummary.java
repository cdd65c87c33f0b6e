package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** One row of a user's conversation list. */
@DataObject
@JsonGen(publicConverter = false)
public class ConversationSummary {

  private long id;
  /** {@code direct} or {@code group}. */
  private String type;
  /** The other user of a direct conversation. */
  private Long peerId;
  /** The group of a group conversation. */
  private Long groupId;
  private ChatMessage lastMessage;
  private long lastSeq;
  private long readSeq;
  private long unreadCount;
  /** How many of the unread messages mention the user (by name or as everyone), not recalled. */
  private long unreadMentions;
  private boolean muted;
  private boolean pinned;
  /** Sending is refused (the friendship ended or the group was dissolved). */
  private boolean closed;
  private String updatedAt;

  public ConversationSummary() {
  }

  public ConversationSummary(JsonObject json) {
    ConversationSummaryConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ConversationSummaryConverter.toJson(this, json);
    json.put("lastMessage", lastMessage == null ? null : lastMessage.toJson());
    return json;
  }

  public long getId() {
    return id;
  }

  public ConversationSummary setId(long id) {
    this.id = id;
    return this;
  }

  public String getType() {
    return type;
  }

  public ConversationSummary setType(String type) {
    this.type = type;
    return this;
  }

  public Long getPeerId() {
    return peerId;
  }

  public ConversationSummary setPeerId(Long peerId) {
    this.peerId = peerId;
    return this;
  }

  public Long getGroupId() {
    return groupId;
  }

  public ConversationSummary setGroupId(Long groupId) {
    this.groupId = groupId;
    return this;
  }

  public ChatMessage getLastMessage() {
    return lastMessage;
  }

  public ConversationSummary setLastMessage(ChatMessage lastMessage) {
    this.lastMessage = lastMessage;
    return this;
  }

  public long getLastSeq() {
    return lastSeq;
  }

  public ConversationSummary setLastSeq(long lastSeq) {
    this.lastSeq = lastSeq;
    return this;
  }

  public long getReadSeq() {
    return readSeq;
  }

  public ConversationSummary setReadSeq(long readSeq) {
    this.readSeq = readSeq;
    return this;
  }

  public long getUnreadCount() {
    return unreadCount;
  }

  public ConversationSummary setUnreadCount(long unreadCount) {
    this.unreadCount = unreadCount;
    return this;
  }

  public boolean isMuted() {
    return muted;
  }

  public ConversationSummary setMuted(boolean muted) {
    this.muted = muted;
    return this;
  }

  public boolean isPinned() {
    return pinned;
  }

  public ConversationSummary setPinned(boolean pinned) {
    this.pinned = pinned;
    return this;
  }

  public boolean isClosed() {
    return closed;
  }

  public ConversationSummary setClosed(boolean closed) {
    this.closed = closed;
    return this;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public ConversationSummary setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
    return this;
  }

  public long getUnreadMentions() {
    return unreadMentions;
  }

  public ConversationSummary setUnreadMentions(long unreadMentions) {
    this.unreadMentions = unreadMentions;
    return this;
  }

}
