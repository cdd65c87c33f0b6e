package ling.gateway.impl;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

/**
 * What one socket has been given to write and the kernel has not taken yet, bounded. A client
 * that stops reading makes this grow with every event for it; past the socket's limit, or when
 * the gateway's whole budget is spent and this socket is clearly behind too (a quarter of its
 * limit), it is closed with {@link #CLOSE_TOO_SLOW} (the client reconnects and catches up by
 * {@code afterSeq}) instead of holding the server's memory. The close frame waits behind what is
 * queued; a client that has not read it {@link #CUT_AFTER_MS} later loses the connection, and the
 * memory is free.
 */
final class Outbound {

  static final short CLOSE_TOO_SLOW = 4413;

  /** The limits and the bytes queued on all the sockets of one gateway instance (one event loop). */
  static final class Budget {
    final long perSocket;
    final long total;
    long queued;

    Budget(long perSocket, long total) {
      this.perSocket = perSocket;
      this.total = total;
    }
  }

  static final long CUT_AFTER_MS = 5_000;

  /** A WebSocket frame's header, at most. */
  private static final int FRAME_OVERHEAD = 10;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final HttpConnection connection;
  private final Budget budget;
  private long queued;
  private boolean closing;

  Outbound(Vertx vertx, ServerWebSocket socket, HttpConnection connection, Budget budget) {
    this.vertx = vertx;
    this.socket = socket;
    this.connection = connection;
    this.budget = budget;
  }

  void write(String text) {
    write(text, utf8Length(text));
  }

  /** Writes a text frame whose UTF-8 size is known (an event for many sockets is measured once). */
  void write(String text, int utf8Bytes) {
    if (closing) {
      return;
    }
    long bytes = utf8Bytes + FRAME_OVERHEAD;
    // over the whole budget, only a socket clearly behind is closed: one that keeps up goes on
    if (queued + bytes > budget.perSocket
        || (budget.queued + bytes > budget.total && queued >= budget.perSocket / 4)) {
      closing = true;
      socket.close(CLOSE_TOO_SLOW, "too slow: reconnect and catch up");
      vertx.setTimer(CUT_AFTER_MS, id -> {
        if (!socket.isClosed()) {
          connection.close();
        }
      });
      return;
    }
    queued += bytes;
    budget.queued += bytes;
    // completed once the kernel took the frame, or failed when the connection closed
    socket.writeTextMessage(text).onComplete(done -> {
      queued -= bytes;
      budget.queued -= bytes;
    });
  }

  /** Bytes given and not yet taken by the kernel. */
  long queued() {
    return queued;
  }

  static int utf8Length(String text) {
    int length = text.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // two bytes up to U+07FF, three above; a surrogate pair is four in all
        bytes += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
      }
    }
    return bytes;
  }
}
