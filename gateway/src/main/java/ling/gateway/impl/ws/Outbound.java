package ling.gateway.impl.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

/**
 * What one socket has been given to write and the kernel has not taken yet, bounded. A client
 * that stops reading makes this grow with every event for it. Bytes written in one turn of the
 * event loop wait for one flush, so a healthy socket in a busy conversation may hold a burst for
 * a moment: a socket counts as behind once it holds a quarter of its limit, and is closed with
 * {@link #CLOSE_TOO_SLOW} (the client reconnects and catches up by {@code afterSeq}) when it has
 * been behind for the grace time and holds its limit, or the gateway's whole budget is spent;
 * at four times its limit it is closed at once. The close frame waits behind what is queued; a
 * client that has not read it {@link #CUT_AFTER_MS} later loses the connection, and the memory is
 * free.
 */
final class Outbound {

  static final short CLOSE_TOO_SLOW = 4413;
  static final long CUT_AFTER_MS = 5_000;

  /** The limits and the bytes queued on all the sockets of one gateway instance (one event loop). */
  static final class Budget {
    final long perSocket;
    final long total;
    final long graceMillis;
    long queued;

    Budget(long perSocket, long total, long graceMillis) {
      this.perSocket = perSocket;
      this.total = total;
      this.graceMillis = graceMillis;
    }
  }

  /** A WebSocket frame's header, at most. */
  private static final int FRAME_OVERHEAD = 10;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final HttpConnection connection;
  private final Budget budget;
  private long queued;
  /** Since when this socket has held a quarter of its limit or more; 0 while it keeps up. */
  private long behindSince;
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
    long now = System.currentTimeMillis();
    boolean behindTooLong = behindSince != 0 && now - behindSince > budget.graceMillis;
    if (queued + bytes > 4 * budget.perSocket
        || (behindTooLong && (queued + bytes > budget.perSocket || budget.queued + bytes > budget.total))) {
      close();
      return;
    }
    queued += bytes;
    budget.queued += bytes;
    if (behindSince == 0 && queued >= budget.perSocket / 4) {
      behindSince = now;
    }
    // completed once the kernel took the frame, or failed when the connection closed
    socket.writeTextMessage(text).onComplete(done -> {
      queued -= bytes;
      budget.queued -= bytes;
      if (queued < budget.perSocket / 4) {
        behindSince = 0;
      }
    });
  }

  private void close() {
    closing = true;
    socket.close(CLOSE_TOO_SLOW, "too slow: reconnect and catch up");
    vertx.setTimer(CUT_AFTER_MS, id -> {
      if (!socket.isClosed()) {
        connection.close();
      }
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
