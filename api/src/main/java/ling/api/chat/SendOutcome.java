package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The outcome of one send of a batch: the stored message, or why not. */
@DataObject
@JsonGen(publicConverter = false)
public class SendOutcome {

  private String clientMsgId;
  /** Null when refused. */
  private ChatMessage message;
  /** A failure code as a ServiceException would carry, when refused. */
  private int failureCode;
  private String failureMessage;

  public SendOutcome() {
  }

  public SendOutcome(JsonObject json) {
    SendOutcomeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SendOutcomeConverter.toJson(this, json);
    return json;
  }

  public String getClientMsgId() {
    return clientMsgId;
  }

  public SendOutcome setClientMsgId(String clientMsgId) {
    this.clientMsgId = clientMsgId;
    return this;
  }

  public ChatMessage getMessage() {
    return message;
  }

  public SendOutcome setMessage(ChatMessage message) {
    this.message = message;
    return this;
  }

  public int getFailureCode() {
    return failureCode;
  }

  public SendOutcome setFailureCode(int failureCode) {
    this.failureCode = failureCode;
    return this;
  }

  public String getFailureMessage() {
    return failureMessage;
  }

  public SendOutcome setFailureMessage(String failureMessage) {
    this.failureMessage = failureMessage;
    return this;
  }

}
