package ling.api.assistant;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The assistant as one user sees it: who it is, where to talk to it, and what is left to ask. */
@DataObject
@JsonGen(publicConverter = false)
public class AssistantStatus {

  private long userId;
  private String displayName;
  /** The user's direct conversation with the assistant; 0 while the chat service is away. */
  private long conversationId;
  private int questionsPerWindow;
  private int remaining;
  /** When the used questions come back (ISO-8601 UTC); null before the window's first question. */
  private String resetsAt;
  /** An answer for the user is being written. */
  private boolean answering;

  public AssistantStatus() {
  }

  public AssistantStatus(JsonObject json) {
    AssistantStatusConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AssistantStatusConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public AssistantStatus setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  public String getDisplayName() {
    return displayName;
  }

  public AssistantStatus setDisplayName(String displayName) {
    this.displayName = displayName;
    return this;
  }

  public long getConversationId() {
    return conversationId;
  }

  public AssistantStatus setConversationId(long conversationId) {
    this.conversationId = conversationId;
    return this;
  }

  public int getQuestionsPerWindow() {
    return questionsPerWindow;
  }

  public AssistantStatus setQuestionsPerWindow(int questionsPerWindow) {
    this.questionsPerWindow = questionsPerWindow;
    return this;
  }

  public int getRemaining() {
    return remaining;
  }

  public AssistantStatus setRemaining(int remaining) {
    this.remaining = remaining;
    return this;
  }

  public String getResetsAt() {
    return resetsAt;
  }

  public AssistantStatus setResetsAt(String resetsAt) {
    this.resetsAt = resetsAt;
    return this;
  }

  public boolean isAnswering() {
    return answering;
  }

  public AssistantStatus setAnswering(boolean answering) {
    this.answering = answering;
    return this;
  }
}
