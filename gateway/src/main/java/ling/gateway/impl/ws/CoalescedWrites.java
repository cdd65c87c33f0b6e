package ling.gateway.impl.ws;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Lets the frames a socket is given in one turn of its event loop leave in one system call.
 *
 * <p>Vert.x flushes every frame written outside a read of the same connection, which is how events
 * reach a socket: a busy group chat made one {@code write} per frame per member. Netty's flush
 * consolidation defers such a flush to a task queued behind the work already waiting on the event
 * loop, so the frames queued meanwhile (the next events, an ack and its message) go out together; at
 * light load that task runs straight after the current one. The channel is only reachable through
 * Vert.x's implementation of the connection the socket was upgraded on (Vert.x Web wraps the socket
 * itself); a connection of another kind keeps Vert.x's own flushing.
 */
final class CoalescedWrites {

  /** Frames after which a flush is not deferred again, so a long run of work cannot hold them back. */
  private static final int FLUSH_AT_LEAST_EVERY = 64;

  private CoalescedWrites() {
  }

  /** Installs the consolidation on the connection of a freshly upgraded socket, from its event loop. */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channelHandlerContext().pipeline().addFirst(new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true));
    }
  }
}
