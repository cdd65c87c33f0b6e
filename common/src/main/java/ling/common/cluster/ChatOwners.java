package ling.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatRing;
import ling.api.chat.ChatService;
import ling.api.chat.SendOutcome;
import ling.api.chat.SendRequest;

/**
 * Sends messages to the chat-service instance that owns their conversation, by the ring the
 * instances publish: so one instance stores and pushes each conversation's messages, in seq order.
 *
 * <p>When a node leaves the cluster, the sends in flight to its instances fail at once, instead of
 * waiting out their time-out, and go again to the conversation's next owner; so do sends that an
 * instance refuses as no longer its own (the ring moved). Sends are idempotent by clientMsgId, so
 * going again never stores twice. Used from one event loop: each gateway verticle has its own.
 */
public final class ChatOwners {

  /** How long a send is tried again while owners change, at most. */
  private static final long RETRY_MILLIS = 8_000;
  private static final long[] BACKOFF_MILLIS = {10, 25, 50, 100, 200};
  /**
   * Tries while no instance answers at the owner's address: an instance that stopped between the
   * ring's news and the send. More than this and there is none to be had: the caller hears so.
   */
  private static final int NO_HANDLER_ATTEMPTS = 5;

  /** A send in flight to a node that left: nothing is known of it, so it goes again. */
  static final class OwnerGone extends RuntimeException {
    OwnerGone() {
      super("the conversation's owner left the cluster", null, false, false);
    }
  }

  private final Vertx vertx;
  private final ChatService any;
  private final ClusterMembers cluster;
  private final Map<String, ChatService> proxies = new HashMap<>();
  private final Map<String, Set<Promise<?>>> inFlight = new HashMap<>();
  /** Nodes seen leaving whose instances the ring still names: skipped until it no longer does. */
  private final Set<String> gone = new HashSet<>();
  private final Handler<String> onLeft = this::nodeLeft;
  private ChatRing ring = new ChatRing(-1, List.of());
  private HashRing hash = new HashRing(List.of());
  private Future<Void> refreshing;
  private MessageConsumer<JsonObject> changes;

  public ChatOwners(Vertx vertx) {
    this.vertx = vertx;
    this.any = ChatService.createProxy(vertx);
    this.cluster = ClusterMembers.of(vertx);
  }

  /** Follows the ring from now on; until it is known, sends go to any instance, which may refuse them. */
  public Future<Void> start() {
    changes = vertx.eventBus().consumer(ChatService.RING_CHANGED, msg -> adopt(new ChatRing(msg.body())));
    cluster.onLeft(vertx, onLeft);
    return changes.completion().onSuccess(x -> refresh());
  }

  public Future<Void> stop() {
    cluster.removeOnLeft(onLeft);
    return changes == null ? Future.succeededFuture() : changes.unregister();
  }

  public Future<ChatMessage> send(long userId, SendRequest request) {
    return call(request.getConversationId(), chat -> chat.send(userId, request));
  }

  /** Sends of one conversation (a socket's batch), to its owner. */
  public Future<List<SendOutcome>> sendBatch(long userId, List<SendRequest> requests) {
    return call(requests.get(0).getConversationId(), chat -> chat.sendBatch(userId, requests));
  }

  private <T> Future<T> call(long conversationId, Function<ChatService, Future<T>> operation) {
    return attempt(conversationId, operation, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS), 0, 0);
  }

  private <T> Future<T> attempt(long conversationId, Function<ChatService, Future<T>> operation, long deadline,
                                int attempt, int unanswered) {
    String owner = owner(conversationId);
    Promise<T> answer = Promise.promise();
    if (owner != null) {
      inFlight.computeIfAbsent(owner, o -> new HashSet<>()).add(answer);
      answer.future().onComplete(x -> {
        Set<Promise<?>> mine = inFlight.get(owner);
        if (mine != null && mine.remove(answer) && mine.isEmpty()) {
          inFlight.remove(owner);
        }
      });
    }
    operation.apply(owner == null ? any : proxy(owner)).onComplete(ar -> {
      if (ar.succeeded()) {
        answer.tryComplete(ar.result());
      } else {
        answer.tryFail(ar.cause());
      }
    });
    return answer.future().recover(err -> {
      int noHandlers = unanswered + (isNoHandlers(err) ? 1 : 0);
      if (!worthAnotherTry(err) || System.nanoTime() - deadline > 0 || noHandlers >= NO_HANDLER_ATTEMPTS) {
        return Future.failedFuture(err);
      }
      if (!(err instanceof OwnerGone)) {
        // not waited for: the instance asked may be the one that just died, which answers nothing
        // until its time-out, while the ring's news usually arrives by itself meanwhile
        refresh();
      }
      long pause = BACKOFF_MILLIS[Math.min(attempt, BACKOFF_MILLIS.length - 1)];
      return vertx.timer(pause, TimeUnit.MILLISECONDS)
          .compose(t -> attempt(conversationId, operation, deadline, attempt + 1, noHandlers));
    });
  }

  /** No instance listens at the address: a service proxy's own failures are reply failures too. */
  private static boolean isNoHandlers(Throwable err) {
    return err instanceof ReplyException e && !(e instanceof ServiceException)
        && e.failureType() == ReplyFailure.NO_HANDLERS;
  }

  /** Failures after which nothing was stored, or what was is answered again from the store. */
  private static boolean worthAnotherTry(Throwable err) {
    if (err instanceof OwnerGone) {
      return true;
    }
    if (err instanceof ServiceException e) {
      return e.failureCode() == ChatService.NOT_OWNER;
    }
    return isNoHandlers(err);
  }

  private String owner(long conversationId) {
    return hash.owner(conversationId);
  }

  private ChatService proxy(String instance) {
    return proxies.computeIfAbsent(instance, i -> ChatService.createOwnerProxy(vertx, i));
  }

  /** A node left: what was in flight to it goes again, and its instances own nothing meanwhile. */
  private void nodeLeft(String nodeId) {
    gone.add(nodeId);
    rebuild();
    for (String instance : List.copyOf(inFlight.keySet())) {
      if (ClusterMembers.nodeOf(instance).equals(nodeId)) {
        Set<Promise<?>> lost = inFlight.remove(instance);
        lost.forEach(p -> p.tryFail(new OwnerGone()));
      }
    }
  }

  /** Asks any instance for the ring; one question at a time. */
  private void refresh() {
    if (refreshing == null) {
      refreshing = any.ring().onSuccess(this::adopt).<Void>mapEmpty().eventually(() -> {
        refreshing = null;
        return Future.succeededFuture();
      });
    }
  }

  private void adopt(ChatRing next) {
    if (next.getEpoch() > ring.getEpoch()) {
      ring = next;
      // the ring has dealt with the nodes it no longer names
      gone.removeIf(node -> next.getMembers().stream()
          .noneMatch(member -> ClusterMembers.nodeOf(member).equals(node)));
      proxies.keySet().retainAll(next.getMembers());
      rebuild();
    }
  }

  private void rebuild() {
    hash = new HashRing(ring.getMembers().stream()
        .filter(member -> !gone.contains(ClusterMembers.nodeOf(member))).toList());
  }
}
