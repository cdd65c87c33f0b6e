package ling.media.impl;

import static ling.media.impl.CallRepository.INVITED;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import ling.api.Pushes;
import ling.common.push.PushPublisher;
import ling.api.Failures;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.api.media.CallSession;
import ling.api.media.CallSignal;
import ling.api.media.MediaSignalingService;
import ling.common.Times;
import ling.common.db.Transactions;
import ling.media.impl.CallRecorder.Ended;
import ling.media.impl.CallRepository.CallRow;
import ling.media.impl.CallRepository.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call state machine. Every change locks its call row, so that concurrent frames about one
 * call (two devices accepting, a hangup racing the timeout) are applied one after the other on
 * whatever instance receives them; its events are published after the commit.
 */
final class Calls {

  private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
  private static final int SOCKET_ID_MAX = 100;
  /** How late a ringing call must be before any instance, not just its own, times it out. */
  private static final java.time.Duration ORPHAN_GRACE = java.time.Duration.ofSeconds(5);
  /** Transactions under way, until they have committed or failed. */
  private final java.util.Set<Future<?>> underway = new java.util.HashSet<>();

  /** What a change leaves to do once committed: events, a call to record, the answer or a refusal. */
  private static final class Change<T> {
    final Outbox outbox = new Outbox();
    T answer;
    Ended ended;
    ServiceException refusal;
    /** A call that started ringing: this instance times it out. */
    Long ringing;

    Change<T> answer(T value) {
      answer = value;
      return this;
    }
  }

  private final Vertx vertx;
  private final CallRepository calls;
  private final ChatService chat;
  private final AccountService accounts;
  private final PushPublisher pushes;
  private final CallRecorder recorder;
  private final long ringMillis;
  private final int maxParticipants;
  private final int maxSignalBytes;

  Calls(Vertx vertx, PushPublisher pushes, CallRepository calls, ChatService chat, AccountService accounts,
        CallRecorder recorder, JsonObject config) {
    this.vertx = vertx;
    this.pushes = pushes;
    this.calls = calls;
    this.chat = chat;
    this.accounts = accounts;
    this.recorder = recorder;
    this.ringMillis = config.getInteger("ringSeconds") * 1000L;
    this.maxParticipants = config.getInteger("maxParticipants");
    this.maxSignalBytes = config.getInteger("maxSignalBytes");
  }

  // ---- starting and answering

  Future<CallSession> invite(long userId, String socketId, long conversationId, String media) {
    checkSocket(socketId);
    if (!"audio".equals(media) && !"video".equals(media)) {
      throw Failures.invalid("media", "must be audio or video");
    }
    return chat.callScope(userId, conversationId).compose(scope -> {
      if (scope.isClosed()) {
        return Future.failedFuture(Failures.of(ChatService.CONVERSATION_CLOSED, "this conversation is closed"));
      }
      List<Long> others = scope.getMemberIds().stream().filter(id -> id != userId).toList();
      if (scope.group()) {
        return inviteGroup(userId, socketId, conversationId, media, others);
      }
      if (others.isEmpty()) {
        return Future.failedFuture(noSuchConversation());
      }
      long peer = others.get(0);
      return accounts.onlineAmong(List.of(peer))
          .compose(online -> inviteDirect(userId, socketId, conversationId, media, peer, !online.isEmpty()));
    });
  }

  private Future<CallSession> inviteDirect(long userId, String socketId, long conversationId, String media, long peer,
                                           boolean online) {
    LocalDateTime now = Times.nowUtc();
    return this.<CallSession>change(conn -> calls.insert(conn, conversationId, false, media, userId,
            CallRepository.RINGING, now, now.plusNanos(ringMillis * 1_000_000))
        .compose(id -> {
          if (id.isEmpty()) {
            return Future.failedFuture(busy("a call in this conversation is going on already"));
          }
          long callId = id.get();
          return calls.takeLine(conn, userId, callId).compose(free -> !free
              ? Future.failedFuture(busy("you are in another call"))
              : calls.join(conn, callId, userId, socketId, now)
                  .compose(x -> calls.addParticipants(conn, callId, List.of(peer), INVITED))
                  .compose(x -> online ? calls.takeLine(conn, peer, callId) : Future.succeededFuture(false))
                  .compose(peerFree -> {
                    Change<CallSession> change = new Change<>();
                    if (online && peerFree) {
                      change.outbox.toUser(peer, incoming(callId, conversationId, userId, media, false,
                          List.of(userId)));
                      change.ringing = callId;
                      return Future.succeededFuture(change.answer(CallSession.started(callId, false)));
                    }
                    // the attempt is over at once, and its message says so
                    String outcome = online ? "busy" : "missed";
                    change.refusal = online ? busy("the callee is in another call")
                        : Failures.of(MediaSignalingService.OFFLINE, "the callee is not online");
                    return end(conn, change, callAt(callId, conversationId, false, media, userId, now), outcome, now);
                  }));
        }));
  }

  private Future<CallSession> inviteGroup(long userId, String socketId, long conversationId, String media,
                                          List<Long> others) {
    LocalDateTime now = Times.nowUtc();
    return this.<CallSession>change(conn -> calls.insert(conn, conversationId, true, media, userId,
            CallRepository.ACTIVE, now, null)
        .compose(id -> {
          if (id.isEmpty()) {
            // the group has a call already: the inviter joins it
            return calls.liveIn(conn, conversationId).compose(live -> live.isPresent()
                ? joinLocked(conn, userId, socketId, live.get(), now)
                : Future.failedFuture(Failures.of(Failures.CONFLICT, "the group's call is just ending; try again")));
          }
          long callId = id.get();
          return calls.takeLine(conn, userId, callId).compose(free -> !free
              ? Future.failedFuture(busy("you are in another call"))
              : calls.join(conn, callId, userId, socketId, now)
                  .compose(x -> calls.addParticipants(conn, callId, others, INVITED))
                  .map(x -> {
                    Change<CallSession> change = new Change<>();
                    JsonObject event = incoming(callId, conversationId, userId, media, true, List.of(userId));
                    others.forEach(member -> change.outbox.toUser(member, event));
                    return change.answer(CallSession.started(callId, true));
                  }));
        }));
  }

  Future<Void> accept(long userId, String socketId, long callId) {
    checkSocket(socketId);
    LocalDateTime now = Times.nowUtc();
    return this.<Void>change(conn -> locked(conn, callId, userId).compose(state -> {
      CallRow call = state.call();
      Participant me = state.me();
      if (call.group()) {
        return Future.failedFuture(Failures.invalid("callId", "is a group call: join it"));
      }
      if (me.userId() == call.callerId()) {
        return Future.failedFuture(Failures.invalid("callId", "is your own call"));
      }
      if (call.ended()) {
        return Future.failedFuture(callEnded());
      }
      if (me.joined()) {
        return socketId.equals(me.socketId()) ? Future.succeededFuture(new Change<>())
            : Future.failedFuture(answeredElsewhere());
      }
      Participant caller = state.participant(call.callerId());
      return calls.join(conn, callId, userId, socketId, now)
          .compose(x -> calls.connect(conn, callId, now))
          .map(x -> {
            Change<Void> change = new Change<>();
            JsonObject accepted = Outbox.event(Pushes.CALL_ACCEPTED, callId).put("userId", userId);
            if (caller != null && caller.joined()) {
              change.outbox.toSocket(caller.userId(), caller.socketId(), accepted);
            }
            change.outbox.toSocket(userId, socketId, accepted);
            change.outbox.toOtherSockets(userId, socketId, Outbox.event(Pushes.CALL_ENDED, callId)
                .put("reason", "answered_elsewhere"));
            return change;
          });
    }));
  }

  Future<Void> reject(long userId, String socketId, long callId) {
    checkSocket(socketId);
    LocalDateTime now = Times.nowUtc();
    return this.<Void>change(conn -> locked(conn, callId, userId).compose(state -> {
      CallRow call = state.call();
      if (call.group()) {
        // a member who does not join: nothing changes for the others
        return Future.succeededFuture(new Change<>());
      }
      if (state.me().userId() == call.callerId()) {
        return Future.failedFuture(Failures.invalid("callId", "is your own call: hang up instead"));
      }
      if (call.ended()) {
        return Future.failedFuture(callEnded());
      }
      if (!CallRepository.RINGING.equals(call.state())) {
        return Future.failedFuture(answeredElsewhere());
      }
      return rejectLocked(conn, state, now);
    }));
  }

  private Future<Change<Void>> rejectLocked(SqlConnection conn, Locked state, LocalDateTime now) {
    CallRow call = state.call();
    Change<Void> change = new Change<>();
    JsonObject rejected = Outbox.event(Pushes.CALL_REJECTED, call.id()).put("userId", state.me().userId());
    Participant caller = state.participant(call.callerId());
    if (caller != null && caller.joined()) {
      change.outbox.toSocket(caller.userId(), caller.socketId(), rejected);
    }
    // every device of the callee stops ringing
    change.outbox.toUser(state.me().userId(), rejected);
    return end(conn, change, call, "rejected", now);
  }

  Future<CallSession> join(long userId, String socketId, long callId) {
    checkSocket(socketId);
    return calls.find(calls.pool(), callId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(noSuchCall());
      }
      CallRow call = found.get();
      if (!call.group()) {
        // only its own participants learn that a 1:1 call is there: to anyone else it is no call
        return calls.participants(calls.pool(), callId).compose(participants ->
            participants.stream().anyMatch(p -> p.userId() == userId)
                ? Future.failedFuture(Failures.invalid("callId", "is not a group call: accept it"))
                : Future.failedFuture(noSuchCall()));
      }
      // only a current member of the group may join
      return chat.callScope(userId, call.conversationId())
          .recover(err -> Future.failedFuture(noSuchCall()))
          .compose(scope -> scope.isClosed() ? Future.failedFuture(callEnded())
              : this.<CallSession>change(conn -> joinLocked(conn, userId, socketId, callId, Times.nowUtc())));
    });
  }

  private Future<Change<CallSession>> joinLocked(SqlConnection conn, long userId, String socketId, long callId,
                                                 LocalDateTime now) {
    return calls.lock(conn, callId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(noSuchCall());
      }
      CallRow call = found.get();
      if (call.ended()) {
        return Future.failedFuture(callEnded());
      }
      return calls.participants(conn, callId).compose(participants -> {
        Participant me = participants.stream().filter(p -> p.userId() == userId).findFirst().orElse(null);
        List<Participant> present = participants.stream().filter(p -> p.joined() && p.userId() != userId).toList();
        Change<CallSession> change = new Change<>();
        CallSession answer = CallSession.joined(callId, call.conversationId(), call.media(),
            present.stream().map(Participant::userId).toList());
        if (me != null && me.joined()) {
          return socketId.equals(me.socketId()) ? Future.succeededFuture(change.answer(answer))
              : Future.failedFuture(answeredElsewhere());
        }
        if (present.size() >= maxParticipants) {
          return Future.failedFuture(Failures.of(MediaSignalingService.CALL_FULL,
              "a call takes at most " + maxParticipants + " participants"));
        }
        return calls.takeLine(conn, userId, callId).compose(free -> !free
            ? Future.failedFuture(busy("you are in another call"))
            : calls.join(conn, callId, userId, socketId, now).map(x -> {
              JsonObject joined = Outbox.event(Pushes.CALL_PARTICIPANT_JOINED, callId).put("userId", userId);
              present.forEach(p -> change.outbox.toSocket(p.userId(), p.socketId(), joined));
              change.outbox.toOtherSockets(userId, socketId, Outbox.event(Pushes.CALL_ENDED, callId)
                  .put("reason", "answered_elsewhere"));
              return change.answer(answer);
            }));
      });
    });
  }

  // ---- ending

  Future<Void> hangup(long userId, String socketId, long callId) {
    checkSocket(socketId);
    return this.<Void>change(conn -> locked(conn, callId, userId)
        .compose(state -> hangupLocked(conn, state, Times.nowUtc())));
  }

  /** Every call this socket takes part in loses its participant. */
  Future<Void> socketClosed(long userId, String socketId) {
    checkSocket(socketId);
    return calls.callsOfSocket(userId, socketId).compose(callIds -> {
      Future<Void> chain = Future.succeededFuture();
      for (long callId : callIds) {
        chain = chain.compose(x -> this.<Void>change(conn -> locked(conn, callId, userId).compose(state ->
            // the user may have moved to another socket meanwhile
            socketId.equals(state.me().socketId()) ? hangupLocked(conn, state, Times.nowUtc())
                : Future.succeededFuture(new Change<>())))
            .recover(err -> {
              LOG.warn("call {} kept user {} after their socket closed: {}", callId, userId, err.getMessage());
              return Future.succeededFuture();
            }));
      }
      return chain;
    });
  }

  /**
   * Users no longer members of a group (they left, were removed, or it was dissolved: null for
   * every participant) take part in its call no longer: the others see them leave, and they get
   * {@code call.ended {reason: "removed"}}.
   */
  Future<Void> membershipEnded(long conversationId, List<Long> userIds) {
    return Transactions.withRetry(calls.pool(), conn -> calls.liveIn(conn, conversationId))
        .compose(live -> {
          if (live.isEmpty()) {
            return Future.succeededFuture();
          }
          long callId = live.get();
          Future<List<Long>> who = userIds != null ? Future.succeededFuture(userIds)
              : calls.participants(calls.pool(), callId).map(all -> all.stream().map(Participant::userId).toList());
          return who.compose(users -> {
            Future<Void> chain = Future.succeededFuture();
            for (long userId : users) {
              chain = chain.compose(x -> this.<Void>change(conn -> locked(conn, callId, userId)
                      .compose(state -> removedLocked(conn, state, Times.nowUtc())))
                  // not (or no longer) in the call: nothing to do
                  .otherwiseEmpty());
            }
            return chain;
          });
        });
  }

  private Future<Change<Void>> removedLocked(SqlConnection conn, Locked state, LocalDateTime now) {
    Participant me = state.me();
    JsonObject removed = Outbox.event(Pushes.CALL_ENDED, state.call().id()).put("reason", "removed");
    if (state.call().ended() || !state.call().group()) {
      return Future.succeededFuture(new Change<>());
    }
    return leaveGroupLocked(conn, state, now).map(change -> {
      if (me.joined()) {
        change.outbox.toSocket(me.userId(), me.socketId(), removed);
      } else {
        change.outbox.toUser(me.userId(), removed);
      }
      return change;
    });
  }

  Future<Void> nodeGone(String nodeId) {
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > SOCKET_ID_MAX) {
      throw Failures.invalid("nodeId", "is required");
    }
    return calls.participantsOnNode(nodeId).compose(gone -> {
      Future<Void> chain = Future.succeededFuture();
      for (Participant p : gone) {
        chain = chain.compose(x -> socketClosed(p.userId(), p.socketId()));
      }
      return chain;
    });
  }

  private Future<Change<Void>> hangupLocked(SqlConnection conn, Locked state, LocalDateTime now) {
    CallRow call = state.call();
    Participant me = state.me();
    if (call.ended()) {
      // both sides hung up at once: the second finds it over
      return Future.succeededFuture(new Change<>());
    }
    if (call.group()) {
      return leaveGroupLocked(conn, state, now);
    }
    if (CallRepository.RINGING.equals(call.state())) {
      if (me.userId() != call.callerId()) {
        return rejectLocked(conn, state, now);
      }
      Change<Void> change = new Change<>();
      JsonObject cancelled = Outbox.event(Pushes.CALL_ENDED, call.id()).put("reason", "cancelled")
          .put("userId", me.userId());
      state.participants().stream().filter(p -> p.userId() != me.userId())
          .forEach(p -> change.outbox.toUser(p.userId(), cancelled));
      if (me.joined()) {
        change.outbox.toSocket(me.userId(), me.socketId(), cancelled);
      }
      return end(conn, change, call, "cancelled", now);
    }
    Change<Void> change = new Change<>();
    JsonObject ended = Outbox.event(Pushes.CALL_ENDED, call.id()).put("reason", "hangup").put("userId", me.userId());
    state.participants().stream().filter(Participant::joined)
        .forEach(p -> change.outbox.toSocket(p.userId(), p.socketId(), ended));
    return end(conn, change, call, "completed", now);
  }

  private Future<Change<Void>> leaveGroupLocked(SqlConnection conn, Locked state, LocalDateTime now) {
    CallRow call = state.call();
    Participant me = state.me();
    Change<Void> change = new Change<>();
    if (!me.joined()) {
      return Future.succeededFuture(change);
    }
    List<Participant> remaining = state.participants().stream()
        .filter(p -> p.joined() && p.userId() != me.userId()).toList();
    return calls.leave(conn, call.id(), me.userId(), now).compose(x -> {
      JsonObject left = Outbox.event(Pushes.CALL_PARTICIPANT_LEFT, call.id()).put("userId", me.userId());
      remaining.forEach(p -> change.outbox.toSocket(p.userId(), p.socketId(), left));
      if (!remaining.isEmpty()) {
        return Future.succeededFuture(change);
      }
      // the last one out ends it, for the members who never joined too
      JsonObject ended = Outbox.event(Pushes.CALL_ENDED, call.id()).put("reason", "hangup");
      state.participants().forEach(p -> change.outbox.toUser(p.userId(), ended));
      return end(conn, change, call, "completed", now);
    });
  }

  /**
   * Ringing calls well past their deadline are missed: those whose instance went away before its
   * timer fired (the instance that starts a call times it out itself, on time).
   */
  void expireOrphans() {
    LocalDateTime now = Times.nowUtc();
    calls.ringingPast(now.minus(ORPHAN_GRACE), 100)
        .onSuccess(ids -> ids.forEach(this::expire))
        .onFailure(err -> LOG.warn("ringing calls not checked: {}", err.getMessage()));
    recorder.retry(now);
  }

  /** A call still ringing at its deadline is missed. */
  private void expire(long callId) {
    this.<Void>change(conn -> calls.lock(conn, callId).compose(found -> {
      if (found.isEmpty() || !CallRepository.RINGING.equals(found.get().state())) {
        return Future.succeededFuture(new Change<Void>());
      }
      CallRow call = found.get();
      return calls.participants(conn, callId).compose(participants -> {
        Change<Void> change = new Change<>();
        JsonObject timeout = Outbox.event(Pushes.CALL_ENDED, callId).put("reason", "timeout");
        for (Participant p : participants) {
          if (p.userId() != call.callerId()) {
            change.outbox.toUser(p.userId(), timeout);
          } else if (p.joined()) {
            change.outbox.toSocket(p.userId(), p.socketId(), timeout);
          }
        }
        return end(conn, change, call, "missed", Times.nowUtc());
      });
    })).onFailure(err -> LOG.warn("ringing call {} did not time out yet: {}", callId, err.getMessage()));
  }


  private <T> Future<Change<T>> end(SqlConnection conn, Change<T> change, CallRow call, String outcome,
                                    LocalDateTime now) {
    change.ended = Ended.of(call, outcome, now);
    return calls.end(conn, call.id(), outcome, now).map(change);
  }

  // ---- signaling

  Future<Void> signal(long userId, String socketId, long callId, long toUserId, CallSignal signal) {
    checkSocket(socketId);
    if (toUserId == userId) {
      throw Failures.invalid("toUserId", "is yourself");
    }
    CallSignal relayed = Signals.clean(signal, maxSignalBytes);
    return calls.find(calls.pool(), callId)
        .compose(found -> found.isEmpty() || found.get().ended() ? Future.<List<Participant>>failedFuture(noSuchCall())
            : calls.participants(calls.pool(), callId))
        .compose(participants -> {
          Participant me = participants.stream().filter(p -> p.userId() == userId).findFirst().orElse(null);
          if (me == null || !me.joined() || !socketId.equals(me.socketId())) {
            // not in it, or not from the socket that is
            return Future.failedFuture(noSuchCall());
          }
          Participant to = participants.stream().filter(p -> p.userId() == toUserId && p.joined()).findFirst()
              .orElse(null);
          if (to == null) {
            return Future.failedFuture(Failures.invalid("toUserId", "is not in this call"));
          }
          pushes.publish(List.of(toUserId), Outbox.event(Pushes.CALL_SIGNAL, callId)
              .put("fromUserId", userId).put("signal", relayed.toJson()),
              PushPublisher.Route.onlySocket(to.socketId()));
          return Future.succeededFuture();
        });
  }

  // ---- the plumbing

  /** A call locked for a change, with its participants and the acting user's part in it. */
  private record Locked(CallRow call, List<Participant> participants, Participant me) {
    Participant participant(long userId) {
      return participants.stream().filter(p -> p.userId() == userId).findFirst().orElse(null);
    }
  }

  /** The call, locked, if the user takes part in it; to anyone else it does not exist. */
  private Future<Locked> locked(SqlConnection conn, long callId, long userId) {
    return calls.lock(conn, callId).compose(found -> found.isEmpty() ? Future.failedFuture(noSuchCall())
        : calls.participants(conn, callId).compose(participants -> {
          Optional<Participant> me = participants.stream().filter(p -> p.userId() == userId).findFirst();
          return me.isEmpty() ? Future.failedFuture(noSuchCall())
              : Future.succeededFuture(new Locked(found.get(), participants, me.get()));
        }));
  }

  /** Runs a change in a transaction (again after a deadlock), then publishes and records. */
  private <T> Future<T> change(Function<SqlConnection, Future<Change<T>>> work) {
    Future<Change<T>> committed = Transactions.withRetry(calls.pool(), work);
    underway.add(committed);
    committed.onComplete(x -> underway.remove(committed));
    return committed
        .compose(change -> {
          change.outbox.publish(pushes);
          if (change.ended != null) {
            recorder.record(change.ended);
          }
          if (change.ringing != null) {
            long callId = change.ringing;
            vertx.setTimer(ringMillis, id -> expire(callId));
          }
          return change.refusal != null ? Future.failedFuture(change.refusal) : Future.succeededFuture(change.answer);
        });
  }

  /**
   * Lets the changes under way finish (at most a few seconds): a stopping instance must not close
   * its pool under a transaction that holds a call's lock, which the next instance would wait for.
   */
  Future<Void> drain() {
    if (underway.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(new ArrayList<>(underway)).timeout(5, java.util.concurrent.TimeUnit.SECONDS)
        .<Void>mapEmpty().otherwiseEmpty();
  }

  private static CallRow callAt(long callId, long conversationId, boolean group, String media, long callerId,
                                LocalDateTime now) {
    return new CallRow(callId, conversationId, group, media, callerId, CallRepository.RINGING, null, now, null, null);
  }

  private static JsonObject incoming(long callId, long conversationId, long from, String media, boolean group,
                                     List<Long> participants) {
    return Outbox.event(Pushes.CALL_INCOMING, callId).put("conversationId", conversationId).put("from", from)
        .put("media", media).put("group", group).put("participants", new JsonArray(new ArrayList<>(participants)));
  }

  private static void checkSocket(String socketId) {
    if (socketId == null || socketId.isBlank() || socketId.length() > SOCKET_ID_MAX) {
      throw Failures.invalid("socketId", "is required");
    }
  }

  private static ServiceException busy(String message) {
    return Failures.of(MediaSignalingService.BUSY, message);
  }

  private static ServiceException callEnded() {
    return Failures.of(MediaSignalingService.CALL_ENDED, "the call has ended");
  }

  private static ServiceException answeredElsewhere() {
    return Failures.of(MediaSignalingService.ANSWERED_ELSEWHERE, "the call was answered on another device");
  }

  private static ServiceException noSuchCall() {
    return Failures.of(Failures.NOT_FOUND, "no such call");
  }

  private static ServiceException noSuchConversation() {
    return Failures.of(Failures.NOT_FOUND, "no such conversation");
  }
}
