package ling.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between a client and the server that can drop every connection at once, as a
 * network failure does: the client sees its connections end from the other side.
 */
final class TcpCut implements AutoCloseable {

  private final ServerSocket listener;
  private final int target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  TcpCut(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread accepting = new Thread(this::accept, "tcp-cut");
    accepting.setDaemon(true);
    accepting.start();
  }

  String address() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  /** Drops every connection relayed so far; new ones are relayed again. */
  void cutAll() {
    for (Socket socket : open) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
      } catch (IOException ignored) {
        // closed already
      }
    }
    open.clear();
  }

  @Override
  public void close() throws IOException {
    cutAll();
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket("127.0.0.1", target);
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // the listener closed, or the server refused: nothing to relay
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ended) {
        // one side went away
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closed already
        }
      }
    }, "tcp-cut-pump");
    thread.setDaemon(true);
    thread.start();
  }
}
