package ling.client.chat;

import ling.client.api.Models.Message;

/**
 * A line of a chat: a stored message, one of the user's own still on its way (or failed), an answer
 * still being written (its text grows), or a notice of this client's own (why no answer came),
 * which sits after the message it is about.
 */
public record ChatLine(Message message, Status status) {

  public enum Status { SENT, PENDING, FAILED, STREAMING, NOTICE }

  /** Not stored yet: kept after the stored lines. */
  public boolean pending() {
    return status == Status.PENDING || status == Status.FAILED || status == Status.STREAMING;
  }

  /** A line the server does not have: never counted as read or as the newest seq. */
  public boolean local() {
    return status != Status.SENT;
  }
}
