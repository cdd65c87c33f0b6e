package ling.client.chat;

import ling.client.api.Models.Message;

/** A line of a chat: a stored message, or one of the user's own still on its way (or failed). */
public record ChatLine(Message message, Status status) {

  public enum Status { SENT, PENDING, FAILED }

  public boolean pending() {
    return status != Status.SENT;
  }
}
