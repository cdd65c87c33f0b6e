package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.ArrayList;
import java.util.List;
import ling.api.chat.ChatMessage;
import ling.api.chat.SendOutcome;
import ling.api.chat.SendRequest;
import ling.common.cluster.ChatOwners;
import ling.gateway.impl.MessageRequests;
import ling.gateway.impl.Requests;

/**
 * The {@code send} frames of a socket, on their way to the chat service and back as acks. Per
 * conversation one batch is in flight at a time and the sends that arrive meanwhile go together
 * in the next: a socket's sends to one conversation keep the order they were sent in, and a burst
 * costs one transaction instead of one each. Each batch goes to the chat-service instance that
 * owns the conversation ({@link ChatOwners}), and again to the next owner if that one dies.
 */
final class SendPipeline {

  private static final int MAX_BATCH = 50;

  /** One conversation's sends of one socket that are not answered yet. */
  static final class Queue {
    final List<SendRequest> waiting = new ArrayList<>();
    boolean inFlight;
  }

  private final ChatOwners chat;
  private final int maxPendingSends;

  SendPipeline(ChatOwners chat, int maxPendingSends) {
    this.chat = chat;
    this.maxPendingSends = maxPendingSends;
  }

  void send(SocketConnection connection, JsonObject frame) {
    SendRequest request = MessageRequests.sendRequest(frame, Requests.requiredId(frame, "conversationId"));
    if (connection.awaitingAck.size() >= maxPendingSends) {
      // the chat service is behind: refuse rather than queue without bound
      connection.error(request.getClientMsgId(), "rate_limited", "too many sends awaiting their ack");
      return;
    }
    connection.awaitingAck.putIfAbsent(request.getClientMsgId(), "");
    Queue queue = connection.sendQueues.computeIfAbsent(request.getConversationId(), id -> new Queue());
    queue.waiting.add(request);
    if (!queue.inFlight) {
      dispatch(connection, request.getConversationId(), queue);
    }
  }

  private void dispatch(SocketConnection connection, long conversationId, Queue queue) {
    if (connection.socket.isClosed()) {
      // nobody is left to answer: what was not sent yet is dropped (the client resends it)
      queue.waiting.clear();
      connection.sendQueues.remove(conversationId);
      return;
    }
    List<SendRequest> batch = new ArrayList<>(queue.waiting.subList(0, Math.min(MAX_BATCH, queue.waiting.size())));
    queue.waiting.subList(0, batch.size()).clear();
    queue.inFlight = true;
    Future<List<SendOutcome>> answered = batch.size() == 1
        ? chat.send(connection.userId, batch.get(0))
            .map(message -> List.of(new SendOutcome().setClientMsgId(message.getClientMsgId()).setMessage(message)))
        : chat.sendBatch(connection.userId, batch);
    answered.onComplete(ar -> {
      try {
        for (int i = 0; i < batch.size(); i++) {
          String clientMsgId = batch.get(i).getClientMsgId();
          SendOutcome outcome = ar.succeeded() && i < ar.result().size() ? ar.result().get(i) : null;
          if (outcome == null) {
            answer(connection, clientMsgId, null, ar.failed() ? ar.cause() : new IllegalStateException("no outcome"));
          } else {
            answer(connection, clientMsgId, outcome.getMessage(), outcome.getMessage() != null ? null
                : new ServiceException(outcome.getFailureCode(), outcome.getFailureMessage()));
          }
        }
      } finally {
        queue.inFlight = false;
        if (!queue.waiting.isEmpty()) {
          dispatch(connection, conversationId, queue);
        } else {
          connection.sendQueues.remove(conversationId);
        }
      }
    });
  }

  /** The ack (or error) of one send, then its message event if that came first. */
  private static void answer(SocketConnection connection, String clientMsgId, ChatMessage message, Throwable failure) {
    String overtaken = connection.awaitingAck.remove(clientMsgId);
    if (message != null) {
      connection.out.write(new JsonObject().put("type", "ack")
          .put("clientMsgId", clientMsgId).put("messageId", message.getId())
          .put("seq", message.getSeq()).put("createdAt", message.getCreatedAt()).encode());
    } else {
      connection.failure(clientMsgId, failure);
    }
    if (overtaken != null && !overtaken.isEmpty()) {
      connection.out.write(overtaken);
    }
  }
}
