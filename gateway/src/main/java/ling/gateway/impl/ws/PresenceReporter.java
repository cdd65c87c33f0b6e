package ling.gateway.impl.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import ling.api.account.AccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the account service which users this gateway node holds. One report is in flight at a
 * time and each is computed when it is sent, so reports arrive in order and a burst of
 * connections becomes a few batched reports. A periodic heartbeat sends the whole list, which
 * heals a report that was lost and tells the account service the node is alive.
 */
final class PresenceReporter {

  private static final Logger LOG = LoggerFactory.getLogger(PresenceReporter.class);

  private final Vertx vertx;
  private final AccountService accounts;
  private final String nodeId;
  private final long heartbeatMillis;
  private final Supplier<Set<Long>> held;
  /** What the account service was last told that this node holds. */
  private Set<Long> reported = new HashSet<>();
  private boolean inFlight;
  private boolean changedMeanwhile;
  private boolean heartbeatDue;
  private long timer = -1;

  PresenceReporter(Vertx vertx, AccountService accounts, String nodeId, long heartbeatMillis,
                   Supplier<Set<Long>> held) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.nodeId = nodeId;
    this.heartbeatMillis = heartbeatMillis;
    this.held = held;
  }

  void start() {
    timer = vertx.setPeriodic(heartbeatMillis, id -> {
      heartbeatDue = true;
      flush();
    });
  }

  /** A user's first socket opened or last socket closed here. */
  void changed() {
    flush();
  }

  /** Reports that this node holds nobody any more. */
  Future<Void> stop() {
    vertx.cancelTimer(timer);
    return accounts.nodeHeartbeat(nodeId, List.of()).otherwiseEmpty();
  }

  private void flush() {
    if (inFlight) {
      changedMeanwhile = true;
      return;
    }
    Set<Long> now = new HashSet<>(held.get());
    Future<Void> sent;
    if (heartbeatDue) {
      heartbeatDue = false;
      sent = accounts.nodeHeartbeat(nodeId, new ArrayList<>(now));
    } else {
      List<Long> opened = now.stream().filter(id -> !reported.contains(id)).toList();
      List<Long> closed = reported.stream().filter(id -> !now.contains(id)).toList();
      if (opened.isEmpty() && closed.isEmpty()) {
        return;
      }
      sent = accounts.presenceReport(nodeId, opened, closed);
    }
    inFlight = true;
    sent.onComplete(ar -> {
      inFlight = false;
      if (ar.succeeded()) {
        reported = now;
      } else {
        // the next heartbeat sends the whole list again
        LOG.warn("presence report failed: {}", ar.cause().getMessage());
      }
      if (changedMeanwhile || heartbeatDue) {
        changedMeanwhile = false;
        flush();
      }
    });
  }
}
