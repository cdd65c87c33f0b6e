package ling.api.media;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;
import ling.api.ServiceHealth;

/**
 * Call state machines and the relay of WebRTC signaling between participants. A call's state
 * lives in the service's tables, so any instance serves any call. Each method names the socket
 * it comes from ({@code socketId}, unique across gateways): a participant takes part from one
 * socket, and what concerns the call in progress goes to that socket only.
 *
 * <p>Events are the {@code call.*} pushes of {@link ling.api.Pushes}; those meant for one socket,
 * or for every socket but one, say so in their routing.
 */
@ProxyGen
@VertxGen
public interface MediaSignalingService {

  String ADDRESS = "media.signaling";


  /** The callee (or the caller) is already in a call. */
  int BUSY = 40950;
  /** The callee has no socket open. */
  int OFFLINE = 40951;
  /** The group call has its maximum of participants. */
  int CALL_FULL = 40952;
  /** Another device of the callee accepted first. */
  int ANSWERED_ELSEWHERE = 40953;
  /** The call has ended (or is not in the state the frame needs). */
  int CALL_ENDED = 41050;

  static MediaSignalingService createProxy(Vertx vertx) {
    return new MediaSignalingServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(10_000));
  }

  /**
   * Starts a call in a conversation: in a direct one it rings every socket of the peer, in a
   * group one the inviter is its first participant and the members are told. When the group
   * already has a call, the inviter joins that one instead and is answered as by {@link #join}.
   */
  Future<CallSession> invite(long userId, String socketId, long conversationId, String media);

  /** The callee takes the call on this socket; the first accept wins. */
  Future<Void> accept(long userId, String socketId, long callId);

  /** The callee declines a ringing call (a group member just dismisses it). */
  Future<Void> reject(long userId, String socketId, long callId);

  /** A group member joins; the answer names the participants already in it. */
  Future<CallSession> join(long userId, String socketId, long callId);

  /**
   * Leaves a call: the caller cancels a ringing call, the callee rejects it, a participant of a
   * 1:1 call ends it, a group participant leaves (the last one ends it).
   */
  Future<Void> hangup(long userId, String socketId, long callId);

  /** Relays an SDP description, an ICE candidate or a change of media to another participant's socket. */
  Future<Void> signal(long userId, String socketId, long callId, long toUserId, CallSignal signal);

  /** A socket closed: whatever call it took part in, its user leaves. */
  Future<Void> socketClosed(long userId, String socketId);

  /** Every socket of a gateway node is gone (the node stopped or was declared dead). */
  Future<Void> nodeGone(String nodeId);

  /** STUN, and TURN with credentials for this user. */
  Future<List<IceServer>> iceServers(long userId);

  /** UP exactly when the service's database answers. */
  Future<ServiceHealth> health();
}
