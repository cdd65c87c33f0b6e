package ling.gateway.impl.ws;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import ling.api.Pushes;
import ling.api.account.AccountService;
import ling.api.chat.ChatService;
import ling.common.cluster.ChatOwners;
import ling.api.media.MediaSignalingService;
import ling.gateway.impl.AccessTokenVerifier;
import ling.gateway.impl.AccessTokenVerifier.Caller;
import ling.gateway.impl.ApiError;
import ling.gateway.impl.ApiException;
import ling.gateway.impl.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket side of the gateway: {@code GET /ws} upgraded for a caller with a valid token, and
 * the sockets held from then on, which hear the user's events and speak to the services by frames.
 */
public final class WebSockets {

  private static final Logger LOG = LoggerFactory.getLogger(WebSockets.class);

  private final AccessTokenVerifier verifier;
  private final boolean coalesceWrites;
  private final SocketRegistry registry;
  private final EventDelivery events;
  private final FrameRouter frames;

  public WebSockets(Vertx vertx, AccountService accounts, ChatService chat, ChatOwners owners,
                    MediaSignalingService media, AccessTokenVerifier verifier, GatewaySettings.Sockets settings) {
    this.verifier = verifier;
    this.coalesceWrites = settings.coalesceWrites();
    this.registry = new SocketRegistry(vertx, accounts, media, settings, new SocketRegistry.Listener() {
      @Override
      public void firstOpened(long userId) {
        events.listen(userId);
      }

      @Override
      public void lastClosed(long userId) {
        events.stopListening(userId);
      }
    });
    this.events = new EventDelivery(vertx, registry);
    this.frames = new FrameRouter(chat, new CallFrames(media), new SendPipeline(owners, settings.maxPendingSends()),
        registry, settings);
  }

  /** Bytes written to this instance's sockets that the kernel has not taken yet. */
  public long queuedBytes() {
    return registry.queuedBytes();
  }

  public void start() {
    events.start();
    registry.start();
  }

  /** Closes every socket and tells the account service these users are gone from this node. */
  public Future<Void> stop() {
    events.stop();
    return registry.stop();
  }

  /** {@code GET /ws}: an upgrade with a valid token in the header or the {@code access_token} query. */
  public void upgrade(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      // answered by the failure handler, like any refused request
      ctx.fail(new ApiException(ApiError.invalid("Upgrade", "this endpoint only accepts WebSocket upgrades")));
      return;
    }
    ctx.request().pause();
    verifier.verify(ctx.request(), true).onComplete(ar -> {
      if (ar.failed()) {
        ctx.request().resume();
        ctx.fail(ar.cause());
        return;
      }
      ctx.request().toWebSocket()
          .onSuccess(socket -> attach(ar.result(), socket, ctx.request().connection()))
          .onFailure(err -> LOG.debug("WebSocket upgrade failed: {}", err.getMessage()));
    });
  }

  /** Takes over a socket that has just been upgraded for an authenticated caller. */
  private void attach(Caller caller, ServerWebSocket socket, HttpConnection upgradedOn) {
    if (coalesceWrites) {
      CoalescedWrites.install(upgradedOn);
    }
    SocketConnection connection = registry.open(caller, socket, upgradedOn);
    // a revocation published before the consumer was registered would be lost: look again once it is
    events.listening(caller.userId())
        .compose(x -> verifier.verify(caller.token()))
        .onFailure(err -> {
          if (err instanceof ApiException) {
            socket.close(Pushes.CLOSE_REVOKED, "session revoked");
          }
        });
    frames.listen(connection);
    socket.exceptionHandler(err -> {
      if (err instanceof CorruptedWebSocketFrameException corrupt) {
        // a protocol error (reserved bits, a bad opcode, a frame too large): say which, then close
        socket.close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
      }
      LOG.debug("socket of user {} failed: {}", caller.userId(), err.getMessage());
    });
    socket.closeHandler(v -> registry.detach(connection));
  }
}
