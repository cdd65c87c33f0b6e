package ling.gateway.impl.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.shareddata.Shareable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.GatewaySettings;

/**
 * Keeps slow and greedy clients from holding the gateway's connections: one address may hold at
 * most {@code http.maxConnectionsPerAddress} connections (the next ones are closed as they open,
 * before any byte is read), and a request's head must arrive within {@code http.requestHeadSeconds}
 * of its first byte, or of the connection opening for the first request (408, then the connection
 * closes; after an earlier request it just closes). Connections from trusted proxies are not
 * capped: all their clients share them, and the proxy limits each of those itself.
 *
 * <p>It works on the Netty channel because Vert.x offers no hook between accepting a connection and
 * reading a request; the connection handler runs as the channel is set up only while clear-text
 * HTTP/2 is off, which the gateway does not serve.
 */
final class ConnectionGuard {

  /** The connections each address holds, shared by the gateway instances of one process. */
  private static final class OpenConnections implements Shareable {
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

    boolean tryOpen(String address, int max) {
      boolean[] admitted = new boolean[1];
      byAddress.compute(address, (a, held) -> {
        int now = held == null ? 0 : held;
        admitted[0] = now < max;
        return admitted[0] ? now + 1 : held;
      });
      return admitted[0];
    }

    void closed(String address) {
      byAddress.computeIfPresent(address, (a, held) -> held <= 1 ? null : held - 1);
    }
  }

  private static final String DECODER = "httpDecoder";
  private static final String TIMED_OUT_BODY = new ApiError(408, "request_timeout",
      "request: the request head did not arrive in time").body().encode();
  private static final byte[] TIMED_OUT = ("HTTP/1.1 408 Request Timeout\r\n"
      + "Content-Type: application/json; charset=utf-8\r\n"
      + "Connection: close\r\n"
      + "Content-Length: " + TIMED_OUT_BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + TIMED_OUT_BODY)
      .getBytes(StandardCharsets.UTF_8);

  private final OpenConnections open;
  private final int maxPerAddress;
  private final long headMillis;
  private final ClientAddresses addresses;

  ConnectionGuard(Vertx vertx, GatewaySettings.Http http, ClientAddresses addresses) {
    this.open = (OpenConnections) vertx.sharedData().<String, Object>getLocalMap("ling.gateway.connections")
        .computeIfAbsent("open", k -> new OpenConnections());
    this.maxPerAddress = http.maxConnectionsPerAddress();
    this.headMillis = http.requestHeadSeconds() * 1000L;
    this.addresses = addresses;
  }

  /** Admits or closes a connection that has just been accepted; runs on its event loop. */
  void accept(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    var remote = connection.remoteAddress();
    String address = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
    if (!addresses.isTrustedPeer(address)) {
      if (!open.tryOpen(address, maxPerAddress)) {
        pipeline.channel().close();
        return;
      }
      pipeline.channel().closeFuture().addListener(f -> open.closed(address));
    }
    if (headMillis > 0 && pipeline.get(DECODER) != null) {
      HeadDeadline deadline = new HeadDeadline(headMillis);
      pipeline.addBefore(DECODER, "headDeadline", deadline);
      pipeline.addAfter(DECODER, "headSeen", deadline.seen);
    }
  }

  /**
   * Times each request head: started by the connection opening or by the first bytes after the
   * previous request, stopped when the decoder has read a whole head. Once the connection is
   * upgraded to a WebSocket the decoder is gone and so is the deadline.
   */
  private static final class HeadDeadline extends ChannelInboundHandlerAdapter {
    private final long millis;
    private boolean awaitingHead = true;
    private boolean served;
    private ScheduledFuture<?> timer;
    final ChannelInboundHandlerAdapter seen = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
          awaitingHead = false;
          served = true;
          cancel();
        }
        if (msg instanceof LastHttpContent) {
          // what follows is the next request; its clock starts with its first byte
          awaitingHead = true;
        }
        ctx.fireChannelRead(msg);
      }
    };

    HeadDeadline(long millis) {
      this.millis = millis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      start(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (ctx.pipeline().get(DECODER) == null) {
        cancel();
        ctx.pipeline().remove(seen);
        ctx.pipeline().remove(this);
      } else if (awaitingHead && timer == null) {
        start(ctx);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      cancel();
      ctx.fireChannelInactive();
    }

    private void start(ChannelHandlerContext ctx) {
      timer = ctx.executor().schedule(() -> {
        timer = null;
        if (!awaitingHead || !ctx.channel().isActive()) {
          return;
        }
        if (served) {
          // a response may still be on its way out: answering now could cut into it
          ctx.close();
        } else {
          // written below the HTTP encoder, on a connection that has not had a response
          ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMED_OUT)).addListener(ChannelFutureListener.CLOSE);
        }
      }, millis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }
}
