package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.Supplier;
import ling.api.ServiceHealth;
import ling.api.media.CallSession;
import ling.api.media.CallSignal;
import ling.api.media.IceServer;
import ling.api.media.MediaSignalingService;
import ling.common.db.Database;
import ling.common.runtime.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class MediaSignalingServiceImpl implements MediaSignalingService {

  private static final Logger LOG = LoggerFactory.getLogger(MediaSignalingServiceImpl.class);

  private final Pool pool;
  private final Calls calls;
  private final IceServers iceServers;

  MediaSignalingServiceImpl(Pool pool, Calls calls, IceServers iceServers) {
    this.pool = pool;
    this.calls = calls;
    this.iceServers = iceServers;
  }

  @Override
  public Future<CallSession> invite(long userId, String socketId, long conversationId, String media) {
    return guard(() -> calls.invite(userId, socketId, conversationId, media));
  }

  @Override
  public Future<Void> accept(long userId, String socketId, long callId) {
    return guard(() -> calls.accept(userId, socketId, callId));
  }

  @Override
  public Future<Void> reject(long userId, String socketId, long callId) {
    return guard(() -> calls.reject(userId, socketId, callId));
  }

  @Override
  public Future<CallSession> join(long userId, String socketId, long callId) {
    return guard(() -> calls.join(userId, socketId, callId));
  }

  @Override
  public Future<Void> hangup(long userId, String socketId, long callId) {
    return guard(() -> calls.hangup(userId, socketId, callId));
  }

  @Override
  public Future<Void> signal(long userId, String socketId, long callId, long toUserId, CallSignal signal) {
    return guard(() -> calls.signal(userId, socketId, callId, toUserId, signal));
  }

  @Override
  public Future<Void> socketClosed(long userId, String socketId) {
    return guard(() -> calls.socketClosed(userId, socketId));
  }

  @Override
  public Future<Void> nodeGone(String nodeId) {
    return guard(() -> calls.nodeGone(nodeId));
  }

  @Override
  public Future<List<IceServer>> iceServers(long userId) {
    return guard(() -> Future.succeededFuture(iceServers.forUser(userId)));
  }

  @Override
  public Future<ServiceHealth> health() {
    return Database.health(pool);
  }

  private static <T> Future<T> guard(Supplier<Future<T>> work) {
    return Guard.run(LOG, work);
  }
}
