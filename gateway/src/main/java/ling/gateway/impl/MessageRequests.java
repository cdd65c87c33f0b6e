package ling.gateway.impl;

import io.vertx.core.json.JsonObject;
import ling.api.chat.SendRequest;

/**
 * The fields of a message sent or marked read, read alike from a socket's frame and from an HTTP
 * body: the two ways in answer the same mistakes with the same errors.
 */
public final class MessageRequests {

  /** Longer lists are refused here, before they cross the bus; the chat service holds the real limit. */
  private static final int MENTIONS_SHAPE_MAX = 500;

  private MessageRequests() {
  }

  /** The fields of a {@code send} frame or POST body, type-checked. */
  public static SendRequest sendRequest(JsonObject source, long conversationId) {
    return new SendRequest()
        .setClientMsgId(Requests.requiredString(source, "clientMsgId"))
        .setConversationId(conversationId)
        .setKind(Requests.requiredString(source, "kind"))
        .setText(Requests.optionalString(source, "text"))
        .setFileId(Requests.optionalId(source, "fileId"))
        .setReplyToId(Requests.optionalId(source, "replyToId"))
        .setMentions(Requests.optionalIdList(source, "mentions", MENTIONS_SHAPE_MAX))
        .setMentionAll(Requests.optionalBoolean(source, "mentionAll", false));
  }

  /** A sequence number: an integer of 0 or more. */
  public static long requiredSeq(JsonObject source, String field) {
    Object value = source.getValue(field);
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
      throw ApiException.invalid(field, value == null ? "is required" : "must be a non-negative integer");
    }
    return ((Number) value).longValue();
  }
}
