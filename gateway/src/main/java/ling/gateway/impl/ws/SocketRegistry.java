package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ling.api.account.AccountService;
import ling.api.media.MediaSignalingService;
import ling.gateway.impl.AccessTokenVerifier.Caller;
import ling.gateway.impl.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets this gateway holds, by user. One account holds only so many here (a new device
 * closes the oldest), and each socket must speak within the idle timeout.
 *
 * <p>It also reports presence: the first socket of a user here and the last one closing, plus a
 * heartbeat naming every user held, from which the account service heals anything lost and by
 * whose silence it learns that this node died.
 */
final class SocketRegistry {

  static final short CLOSE_IDLE = 4408;
  static final short CLOSE_TOO_MANY_SOCKETS = 4409;

  private static final Logger LOG = LoggerFactory.getLogger(SocketRegistry.class);

  /** Told when a user's first socket here opens and when its last one closes. */
  interface Listener {
    void firstOpened(long userId);

    void lastClosed(long userId);
  }

  /** One user's sockets here. */
  static final class UserSockets {
    /** In the order they were opened: the first is the oldest. */
    final Set<SocketConnection> connections = new LinkedHashSet<>();
    /** The user's frames in the current second, over all of its sockets here. */
    final FrameCounter frames = new FrameCounter(0);
  }

  private final Vertx vertx;
  private final MediaSignalingService media;
  private final Listener listener;
  private final PresenceReporter presence;
  private final String nodeId = UUID.randomUUID().toString();
  private long socketsOpened;
  private final long idleMillis;
  private final int maxSocketsPerUser;
  private final Outbound.Budget outbound;
  private final Map<Long, UserSockets> users = new HashMap<>();
  private long sweeper = -1;

  SocketRegistry(Vertx vertx, AccountService accounts, MediaSignalingService media, GatewaySettings.Sockets settings,
                 Listener listener) {
    this.vertx = vertx;
    this.media = media;
    this.listener = listener;
    this.presence = new PresenceReporter(vertx, accounts, nodeId, settings.presenceHeartbeatSeconds() * 1000L,
        users::keySet);
    this.idleMillis = settings.idleSeconds() * 1000L;
    this.maxSocketsPerUser = settings.maxSocketsPerUser();
    this.outbound = new Outbound.Budget(settings.maxQueuedBytes(), settings.maxQueuedBytesTotal(),
        settings.slowGraceMillis());
  }

  /** Bytes written to this instance's sockets that the kernel has not taken yet. */
  long queuedBytes() {
    return outbound.queued;
  }

  void start() {
    sweeper = vertx.setPeriodic(Math.max(250, Math.min(5_000, idleMillis / 4)), id -> closeIdle());
    presence.start();
  }

  /** Closes every socket and tells the account service these users are gone from this node. */
  Future<Void> stop() {
    vertx.cancelTimer(sweeper);
    List<Future<Void>> leftCalls = new ArrayList<>();
    users.values().forEach(u -> u.connections.forEach(c -> {
      if (c.calling) {
        leftCalls.add(media.socketClosed(c.userId, c.socketId).otherwiseEmpty());
      }
      c.socket.close((short) 1001, "server stopping");
    }));
    users.clear();
    return Future.join(leftCalls).transform(x -> presence.stop());
  }

  /** Holds a socket that has just been upgraded for an authenticated caller. */
  SocketConnection open(Caller caller, ServerWebSocket socket, HttpConnection upgradedOn) {
    long userId = caller.userId();
    SocketConnection connection = new SocketConnection(userId, caller.sessionId(), nodeId + "/" + (++socketsOpened),
        socket, new Outbound(vertx, socket, upgradedOn, outbound));
    UserSockets mine = users.get(userId);
    boolean first = mine == null;
    if (first) {
      mine = new UserSockets();
      users.put(userId, mine);
    }
    mine.connections.add(connection);
    // one account holds only so many sockets here: a new device pushes out the oldest
    int over = mine.connections.size() - maxSocketsPerUser;
    for (SocketConnection oldest : List.copyOf(mine.connections)) {
      if (over-- <= 0 || oldest == connection) {
        break;
      }
      oldest.socket.close(CLOSE_TOO_MANY_SOCKETS, "too many sockets: the oldest is closed");
      detach(oldest);
    }
    if (first) {
      listener.firstOpened(userId);
      presence.changed();
    }
    return connection;
  }

  /** Lets go of a socket that closed (or was closed); the calls it was in are left. */
  void detach(SocketConnection connection) {
    UserSockets mine = users.get(connection.userId);
    if (mine == null || !mine.connections.remove(connection)) {
      return;
    }
    if (connection.calling) {
      media.socketClosed(connection.userId, connection.socketId)
          .onFailure(err -> LOG.warn("calls of a closed socket of user {} not ended: {}", connection.userId,
              err.getMessage()));
    }
    if (mine.connections.isEmpty()) {
      users.remove(connection.userId);
      listener.lastClosed(connection.userId);
      presence.changed();
    }
  }

  boolean isEmpty() {
    return users.isEmpty();
  }

  boolean holds(long userId) {
    return users.containsKey(userId);
  }

  /** The user's sockets here, or null when it has none. */
  UserSockets user(long userId) {
    return users.get(userId);
  }

  private void closeIdle() {
    long cutoff = System.currentTimeMillis() - idleMillis;
    for (UserSockets mine : users.values()) {
      for (SocketConnection c : Set.copyOf(mine.connections)) {
        if (c.lastHeard < cutoff) {
          c.socket.close(CLOSE_IDLE, "idle");
        }
      }
    }
  }
}
