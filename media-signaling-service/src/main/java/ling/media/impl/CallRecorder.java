package ling.media.impl;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDateTime;
import ling.api.chat.CallRecord;
import ling.api.chat.ChatService;
import ling.media.impl.CallRepository.CallRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@code call} message of each ended call. A call whose message could not be written
 * (the chat service was away) stays unrecorded and is tried again by the sweep; the chat service
 * stores one message per call id, so a retry never doubles it.
 */
final class CallRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

  /** What the message of an ended call says. */
  record Ended(long callId, long conversationId, long callerId, String media, String outcome, long durationMs) {
    static Ended of(CallRow call, String outcome, LocalDateTime endedAt) {
      long duration = call.connectedAt() == null || endedAt == null ? 0
          : Math.max(0, Duration.between(call.connectedAt(), endedAt).toMillis());
      return new Ended(call.id(), call.conversationId(), call.callerId(), call.media(), outcome, duration);
    }
  }

  private final CallRepository calls;
  private final ChatService chat;

  CallRecorder(CallRepository calls, ChatService chat) {
    this.calls = calls;
    this.chat = chat;
  }

  Future<Void> record(Ended ended) {
    CallRecord call = new CallRecord(ended.media(), ended.outcome(), ended.durationMs());
    return chat.recordCall(ended.conversationId(), ended.callerId(), ended.callId(), call)
        .compose(x -> calls.markRecorded(ended.callId()))
        .onFailure(err -> LOG.warn("call {} not recorded yet: {}", ended.callId(), err.getMessage()));
  }

  /** Records the calls that ended a while ago and still have no message. */
  void retry(LocalDateTime now) {
    calls.unrecorded(now.minusSeconds(10), 20).onSuccess(rows -> rows.forEach(row ->
        record(Ended.of(row, row.outcome(), row.endedAt()))));
  }
}
