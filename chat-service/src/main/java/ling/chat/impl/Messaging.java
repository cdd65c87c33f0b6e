package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ling.api.Pushes;
import ling.api.Failures;
import ling.api.chat.CallRecord;
import ling.api.chat.CallScope;
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatService;
import ling.api.chat.ConversationChanges;
import ling.api.chat.ConversationSummary;
import ling.api.chat.SendOutcome;
import ling.api.chat.SendRequest;
import ling.api.file.FileService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ling.chat.impl.MessageRepository.Access;
import ling.chat.impl.MessageRepository.MessageRow;
import ling.chat.impl.MessageRepository.SummaryRow;
import ling.chat.impl.MessageStore.Unit;
import ling.common.push.PushPublisher;
import ling.common.text.UnicodeText;
import ling.common.Times;

/**
 * Sending, history, read state, typing, recall and the conversation list. Every operation first
 * checks that the user is an active member of the conversation; to anyone else it does not exist.
 */
final class Messaging {

  private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);

  private static final Set<String> CLIENT_KINDS = Set.of("text", "image", "file", "video", "voice");
  /** clientMsgIds of messages the server makes on a user's behalf (call records): never a client's. */
  static final String SERVER_MSG_PREFIX = "ling:";
  /** The sender of system messages: no user has id 0. */
  static final long SYSTEM_SENDER = 0;
  private static final Map<String, String> SYSTEM_TEXT = Map.of(
      "created", "created the group", "updated", "changed the group", "joined", "joined the group",
      "left", "left the group", "removed", "removed a member", "role_changed", "changed a member's role",
      "transferred", "handed the group over", "dissolved", "dissolved the group");

  private final Vertx vertx;
  private final MessageRepository messages;
  private final MessageStore store;
  private final MemberCache members;
  private final GroupCommit commits;
  private final OwnerRing owners;
  /** Per conversation, the fan-out last begun: the next waits for it, so pushes leave in seq order. */
  private final Map<Long, Future<Void>> fanningOut = new HashMap<>();
  private final FileService files;
  private final int textMax;
  private final int clientMsgIdMax;
  private final int mentionsMax;
  private final int pageDefault;
  private final int pageMax;
  private final Duration recallWindow;
  private final long typingIntervalMillis;
  private final PushPublisher push;
  /** When each (user, conversation) last announced typing, to throttle; trimmed as it grows. */
  private final Map<String, Long> lastTyping = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > 10_000;
    }
  };

  Messaging(Vertx vertx, MessageRepository messages, MessageStore store, MemberCache members, OwnerRing owners,
            FileService files, JsonObject config) {
    this.files = files;
    JsonObject limits = config.getJsonObject("limits");
    JsonObject chat = config.getJsonObject("chat");
    this.vertx = vertx;
    this.messages = messages;
    this.members = members;
    this.owners = owners;
    this.store = store;
    this.commits = new GroupCommit(store, owners, chat.getInteger("commitsInFlight"), chat.getInteger("commitMaxMessages"),
        chat.getInteger("commitMaxChars"));
    this.textMax = limits.getInteger("textMax");
    this.clientMsgIdMax = limits.getInteger("clientMsgIdMax");
    this.mentionsMax = limits.getInteger("mentionsMax");
    this.pageDefault = limits.getInteger("pageDefault");
    this.pageMax = limits.getInteger("pageMax");
    this.recallWindow = Duration.ofSeconds(chat.getInteger("recallSeconds"));
    this.typingIntervalMillis = chat.getInteger("typingIntervalMillis");
    this.push = new PushPublisher(vertx, chat.getInteger("fanoutBroadcastFrom"));
  }

  Future<ChatMessage> send(long userId, SendRequest request) {
    return sendBatch(userId, List.of(request)).compose(outcomes -> {
      SendOutcome outcome = outcomes.get(0);
      return outcome.getMessage() != null ? Future.succeededFuture(outcome.getMessage())
          : Future.failedFuture(new ServiceException(outcome.getFailureCode(), outcome.getFailureMessage()));
    });
  }

  /**
   * Sends in order, each answered on its own. Consecutive sends to one conversation form a unit,
   * stored together (and with other sockets' units) by {@link GroupCommit}; a send with a reply
   * is checked first, and a repeated clientMsgId is answered with the first.
   */
  Future<List<SendOutcome>> sendBatch(long userId, List<SendRequest> requests) {
    if (requests == null || requests.isEmpty() || requests.size() > 100) {
      throw Failures.invalid("requests", "must hold 1-100 sends");
    }
    OwnerRing.Snapshot owner = owners.snapshot();
    if (requests.stream().anyMatch(r -> r != null && !owner.owns(r.getConversationId()))) {
      return Future.failedFuture(notOwner());
    }
    Map<Integer, SendOutcome> invalid = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      try {
        validate(requests.get(i));
      } catch (ServiceException e) {
        invalid.put(i, failed(requests.get(i), e));
      }
    }
    Future<Void> checked = Future.succeededFuture();
    for (int i = 0; i < requests.size(); i++) {
      SendRequest request = requests.get(i);
      int index = i;
      if (request.getReplyToId() != null && !invalid.containsKey(i)) {
        checked = checked.compose(x -> activeMember(userId, request.getConversationId())
            .compose(access -> replyTarget(request.getConversationId(), request.getReplyToId()))
            .otherwise(err -> {
              invalid.put(index, failed(request, err));
              return null;
            }));
      }
    }
    // mentions: in a group, of its other active members; everyone only by its owner and admins
    Map<String, String> metas = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      SendRequest request = requests.get(i);
      int index = i;
      if (mentions(request) && !invalid.containsKey(i)) {
        checked = checked.compose(x -> mentionsAllowed(userId, request)
            .map(meta -> {
              metas.put(request.getClientMsgId(), meta.encode());
              return (Void) null;
            })
            .otherwise(err -> {
              invalid.put(index, failed(request, err));
              return null;
            }));
      }
    }
    // a file must be the sender's own upload, or one sent in a conversation they are in (sent on);
    // an image message must carry an image; what the message shows of the file is stored with it
    for (int i = 0; i < requests.size(); i++) {
      SendRequest request = requests.get(i);
      int index = i;
      if (request.getFileId() != null && !invalid.containsKey(i)) {
        checked = checked.compose(x -> files.ownFile(userId, request.getFileId())
            .recover(err -> err instanceof ServiceException se && se.failureCode() < 500
                ? forwarded(userId, request.getFileId()) : Future.failedFuture(err))
            .map(file -> {
              String mime = file.getMime() == null ? "" : file.getMime();
              if (request.getKind().equals("image") && !mime.startsWith("image/")) {
                invalid.put(index, failed(request, Failures.invalid("fileId", "is not an image")));
              } else {
                metas.put(request.getClientMsgId(), file.toJson().encode());
              }
              return (Void) null;
            })
            .otherwise(err -> {
              invalid.put(index, failed(request, err instanceof ServiceException se && se.failureCode() < 500
                  ? Failures.of(Failures.NOT_FOUND, "no such file") : err));
              return null;
            }));
      }
    }
    return checked.compose(x -> {
      List<Unit> units = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < requests.size(); i++) {
        SendRequest request = requests.get(i);
        if (invalid.containsKey(i) || !seen.add(request.getClientMsgId())) {
          continue;
        }
        Unit last = units.isEmpty() ? null : units.get(units.size() - 1);
        if (last == null || last.conversationId() != request.getConversationId()) {
          units.add(new Unit(request.getConversationId(), userId, new ArrayList<>(List.of(request)), metas));
        } else {
          last.sends().add(request);
        }
      }
      List<Future<Map<String, SendOutcome>>> stored = units.stream().map(unit -> store(userId, unit)).toList();
      return Future.all(stored).recover(err -> Future.failedFuture(
          err instanceof MessageStore.OwnerChanged ? notOwner() : err)).map(all -> {
        Map<String, SendOutcome> byId = new HashMap<>();
        stored.forEach(f -> f.result().forEach(byId::putIfAbsent));
        List<SendOutcome> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
          out.add(invalid.containsKey(i) ? invalid.get(i) : byId.get(requests.get(i).getClientMsgId()));
        }
        return out;
      });
    });
  }

  /** One unit through the group commit; its new messages go out to the members. */
  private Future<Map<String, SendOutcome>> store(long userId, Unit unit) {
    return commits.store(unit).compose(rows -> {
      Map<String, SendOutcome> out = new HashMap<>();
      rows.forEach(row -> out.put(row.row().clientMsgId(), new SendOutcome().setClientMsgId(row.row().clientMsgId())
          .setMessage(view(row.row()))));
      List<MessageRow> fresh = rows.stream().filter(MessageStore.Stored::fresh).map(MessageStore.Stored::row)
          .toList();
      Future<Void> fannedOut = fresh.isEmpty() ? Future.succeededFuture() : fanOut(unit.conversationId(), fresh);
      if (out.size() == unit.sends().size()) {
        return fannedOut.map(out);
      }
      // nothing stored for the rest: not the sender's conversation, or closed; the same answer for each
      return fannedOut.compose(x -> activeMember(userId, unit.conversationId()))
          .<Void>compose(access -> Future.failedFuture(closed()))
          .map(x -> out)
          .recover(err -> {
            unit.sends().forEach(r -> out.putIfAbsent(r.getClientMsgId(), failed(r, err)));
            return Future.succeededFuture(out);
          });
    });
  }

  /** Whatever of the call was stored stays stored: asked again, those sends are answered with it. */
  private static ServiceException notOwner() {
    return new ServiceException(ChatService.NOT_OWNER, "this instance does not own the conversation; ask its owner");
  }

  private static SendOutcome failed(SendRequest request, Throwable err) {
    ServiceException e = err instanceof ServiceException se ? se : Failures.of(Failures.INTERNAL, "internal error");
    return new SendOutcome().setClientMsgId(request == null ? null : request.getClientMsgId()).setFailureCode(e.failureCode())
        .setFailureMessage(e.getMessage());
  }

  private static boolean mentions(SendRequest request) {
    return request.isMentionAll() || request.getMentions() != null && !request.getMentions().isEmpty();
  }

  /**
   * Whether the sender may mention whom the send names: what the message stores of it when so.
   * The ids are kept once each, in the order given.
   */
  private Future<JsonObject> mentionsAllowed(long userId, SendRequest request) {
    long conversationId = request.getConversationId();
    return activeMember(userId, conversationId).compose(access -> {
      if (!"group".equals(access.type())) {
        return Future.failedFuture(Failures.invalid("mentions", "are for group conversations"));
      }
      if (request.isMentionAll() && !("owner".equals(access.role()) || "admin".equals(access.role()))) {
        return Future.failedFuture(Failures.of(Failures.FORBIDDEN,
            "only the group's owner and admins may mention everyone"));
      }
      List<Long> named = request.getMentions() == null ? List.of()
          : new ArrayList<>(new java.util.LinkedHashSet<>(request.getMentions()));
      request.setMentions(named.isEmpty() ? null : named);
      JsonObject meta = new JsonObject();
      if (request.isMentionAll()) {
        meta.put("mentionAll", true);
      }
      if (named.isEmpty()) {
        return Future.succeededFuture(meta);
      }
      return members.members(conversationId).compose(active -> {
        if (named.contains(userId) || !active.containsAll(named)) {
          return Future.failedFuture(Failures.invalid("mentions", "must name other members of the group"));
        }
        return Future.succeededFuture(meta.put("mentions", new io.vertx.core.json.JsonArray(named)));
      });
    });
  }

  /** The shape rules of a send; throws the contract's 400 naming the field. */
  private void validate(SendRequest request) {
    if (request == null) {
      throw Failures.invalid("body", "is required");
    }
    String clientMsgId = request.getClientMsgId();
    if (clientMsgId == null || clientMsgId.isBlank() || clientMsgId.length() > clientMsgIdMax
        || clientMsgId.chars().anyMatch(Character::isISOControl)) {
      throw Failures.invalid("clientMsgId", "must be 1-" + clientMsgIdMax + " printable characters");
    }
    if (clientMsgId.startsWith(SERVER_MSG_PREFIX)) {
      throw Failures.invalid("clientMsgId", "must not start with " + SERVER_MSG_PREFIX);
    }
    String kind = request.getKind();
    if (kind == null || !CLIENT_KINDS.contains(kind)) {
      throw Failures.invalid("kind", "must be one of text, image, file, video, voice");
    }
    String text = request.getText();
    if (text != null && UnicodeText.hasLoneSurrogate(text)) {
      // the database would keep a '?' for it
      throw Failures.invalid("text", "must be valid Unicode (a surrogate stands alone)");
    }
    if (kind.equals("text")) {
      if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > textMax) {
        throw Failures.invalid("text", "must be 1-" + textMax + " characters");
      }
      if (!UnicodeText.hasVisible(text)) {
        throw Failures.invalid("text", "must show something: it is invisible");
      }
      if (request.getFileId() != null) {
        throw Failures.invalid("fileId", "is only for file messages");
      }
      if (request.getMentions() != null && request.getMentions().size() > mentionsMax) {
        throw Failures.invalid("mentions", "must name at most " + mentionsMax + " members");
      }
      if (request.getMentions() != null && request.getMentions().stream().anyMatch(id -> id == null || id < 1)) {
        throw Failures.invalid("mentions", "must be user ids");
      }
    } else {
      if (mentions(request)) {
        throw Failures.invalid("mentions", "are for text messages");
      }
      if (request.getFileId() == null || request.getFileId() < 1) {
        throw Failures.invalid("fileId", "is required for " + kind + " messages");
      }
      if (text != null && text.codePointCount(0, text.length()) > textMax) {
        throw Failures.invalid("text", "must be at most " + textMax + " characters");
      }
    }
  }

  /**
   * Every active member's sockets get the new messages. They are committed whatever happens
   * here: a failure to fan out is logged, and clients catch up from the gap in seq.
   */
  private Future<Void> fanOut(long conversationId, List<MessageRow> rows) {
    Future<Void> previous = fanningOut.getOrDefault(conversationId, Future.succeededFuture());
    Future<Void> next = previous.eventually(() -> publish(conversationId, rows));
    fanningOut.put(conversationId, next);
    next.onComplete(x -> fanningOut.remove(conversationId, next));
    return next;
  }

  private Future<Void> publish(long conversationId, List<MessageRow> rows) {
    return members.members(conversationId).<Void>map(members -> {
      for (MessageRow row : rows) {
        push.publish(members, new JsonObject().put("type", Pushes.MESSAGE).put("message", view(row).toJson()),
            PushPublisher.Route.message(row.senderId(), row.clientMsgId()));
      }
      return null;
    }).otherwise(err -> {
      LOG.warn("{} messages stored but not fanned out: {}", rows.size(), err.getMessage());
      return null;
    });
  }

  /**
   * Records a group change from the account service as a system message. Every chat-service
   * instance receives the event; the event id as clientMsgId of sender 0 stores it once.
   */
  Future<Void> recordGroupChange(JsonObject event) {
    Long conversationId = event.getLong("conversationId");
    String eventId = event.getString("eventId");
    String what = event.getString("what");
    if (conversationId == null || eventId == null || what == null) {
      return Future.succeededFuture();
    }
    JsonObject meta = event.copy();
    meta.remove("eventId");
    meta.remove("conversationId");
    return record(conversationId, SYSTEM_SENDER, "group-" + eventId, "system", SYSTEM_TEXT.getOrDefault(what, what),
        meta);
  }

  /** Who a call in the conversation concerns, to an active member only. */
  Future<CallScope> callScope(long userId, long conversationId) {
    return member(userId, conversationId)
        .compose(access -> messages.activeMembers(conversationId).map(ids -> new CallScope()
            .setType(access.type()).setClosed(access.closed()).setMemberIds(ids)));
  }

  /** A finished call as a message from its caller; the call id as clientMsgId stores it once. */
  Future<Void> recordCall(long conversationId, long callerId, long callId, CallRecord call) {
    if (call == null || call.getMedia() == null || call.getOutcome() == null) {
      throw Failures.invalid("call", "needs media and outcome");
    }
    return record(conversationId, callerId, SERVER_MSG_PREFIX + "call-" + callId, "call", null, call.toJson());
  }

  /** Stores a message the server makes, once per clientMsgId, and tells the members. */
  private Future<Void> record(long conversationId, long senderId, String clientMsgId, String kind, String body,
                              JsonObject meta) {
    return store.insertRecord(conversationId, senderId, clientMsgId, kind, body, meta.encode())
        .compose(stored -> stored.isEmpty() ? Future.<Void>succeededFuture()
            : members.members(conversationId).<Void>map(members -> {
              push.publish(members, new JsonObject().put("type", Pushes.MESSAGE)
                  .put("message", view(stored.get()).toJson()), PushPublisher.Route.message(senderId, clientMsgId));
              return null;
            }))
        .recover(err -> isDuplicate(err) ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(err));
  }

  Future<List<ChatMessage>> history(long userId, long conversationId, Long beforeSeq, Long afterSeq, Integer limit) {
    int size = limit(limit);
    if (beforeSeq != null && afterSeq != null) {
      throw Failures.invalid("afterSeq", "cannot be combined with beforeSeq");
    }
    if ((beforeSeq != null && beforeSeq < 1) || (afterSeq != null && afterSeq < 0)) {
      throw Failures.invalid(beforeSeq != null ? "beforeSeq" : "afterSeq", "must be a seq");
    }
    return member(userId, conversationId)
        .compose(access -> afterSeq != null
            ? messages.after(conversationId, afterSeq, size)
            : messages.before(conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, size))
        .map(rows -> rows.stream().map(Messaging::view).toList());
  }

  Future<List<ChatMessage>> search(long userId, long conversationId, String query, Integer limit) {
    if (query == null || query.isBlank() || query.length() > 100) {
      throw Failures.invalid("q", "must be 1-100 characters");
    }
    int size = limit(limit);
    String escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return member(userId, conversationId)
        .compose(access -> messages.search(conversationId, escaped, size))
        .map(rows -> rows.stream().map(Messaging::view).toList());
  }

  Future<List<ConversationSummary>> conversations(long userId) {
    return messages.summaries(userId, null).map(rows -> rows.stream().map(Messaging::view).toList());
  }

  Future<Void> markRead(long userId, long conversationId, long seq) {
    if (seq < 0) {
      throw Failures.invalid("seq", "must be a seq");
    }
    return member(userId, conversationId).compose(access -> {
      if (seq > access.lastSeq()) {
        return Future.failedFuture(Failures.invalid("seq", "is beyond the conversation's last message"));
      }
      return messages.markRead(conversationId, userId, seq).compose(moved -> !moved || !access.type().equals("direct")
          ? Future.succeededFuture()
          : members.members(conversationId).map(members -> {
            push.publish(members.stream().filter(m -> m != userId).toList(), new JsonObject()
                .put("type", Pushes.READ).put("conversationId", conversationId).put("userId", userId).put("seq", seq));
            return null;
          }));
    });
  }

  Future<Void> typing(long userId, long conversationId) {
    String key = userId + ":" + conversationId;
    long now = System.currentTimeMillis();
    Long last = lastTyping.get(key);
    if (last != null && now - last < typingIntervalMillis) {
      return Future.succeededFuture();
    }
    lastTyping.put(key, now);
    return activeMember(userId, conversationId).compose(access -> members.members(conversationId)).map(members -> {
      push.publish(members.stream().filter(m -> m != userId).toList(), new JsonObject()
          .put("type", Pushes.TYPING).put("conversationId", conversationId).put("userId", userId));
      return null;
    });
  }

  Future<ChatMessage> recall(long userId, long messageId, Long conversationId) {
    return messages.find(messageId)
        .compose(found -> found.isEmpty()
            || (conversationId != null && found.get().conversationId() != conversationId)
            ? Future.failedFuture(noSuchMessage())
            : member(userId, found.get().conversationId()).map(access -> Map.entry(found.get(), access)))
        .compose(pair -> {
          MessageRow message = pair.getKey();
          Access access = pair.getValue();
          boolean moderator = access.active() && "group".equals(access.type())
              && ("owner".equals(access.role()) || "admin".equals(access.role()));
          boolean ownInWindow = message.senderId() == userId
              && message.createdAt().isAfter(Times.nowUtc().minus(recallWindow));
          if (!moderator && !ownInWindow) {
            return Future.failedFuture(message.senderId() == userId
                ? Failures.of(ChatService.RECALL_EXPIRED, "messages can be recalled within "
                    + recallWindow.toSeconds() + " s")
                : Failures.of(Failures.FORBIDDEN, "only the sender or a group's owner or admins can recall it"));
          }
          if (message.kind().equals("system") || message.kind().equals("call")) {
            return Future.failedFuture(Failures.of(Failures.FORBIDDEN, "that message cannot be recalled"));
          }
          return messages.recall(messageId).compose(changed -> messages.find(messageId).compose(now -> {
            ChatMessage recalled = view(now.orElseThrow());
            if (!changed) {
              return Future.succeededFuture(recalled);
            }
            return members.members(message.conversationId()).map(members -> {
              push.publish(members, new JsonObject().put("type", Pushes.MESSAGE_RECALLED)
                  .put("conversationId", message.conversationId()).put("messageId", messageId));
              return recalled;
            });
          }));
        });
  }

  Future<ConversationSummary> update(long userId, long conversationId, ConversationChanges changes) {
    if (changes == null) {
      throw Failures.invalid("body", "is required");
    }
    Future<Void> chain = member(userId, conversationId).mapEmpty();
    for (String field : changes.fields()) {
      chain = switch (field) {
        case ConversationChanges.MUTED -> chain.compose(x -> messages.setFlag(conversationId, userId, "muted",
            changes.isMuted()));
        case ConversationChanges.PINNED -> chain.compose(x -> messages.setFlag(conversationId, userId, "pinned",
            changes.isPinned()));
        default -> chain;
      };
    }
    return chain.compose(x -> messages.summaries(userId, conversationId))
        .map(rows -> view(rows.get(0)));
  }

  // ----

  /** An active member, who may read; a conversation the user is not in does not exist for them. */
  private Future<Access> member(long userId, long conversationId) {
    return messages.access(conversationId, userId).compose(found -> found.isPresent() && found.get().active()
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such conversation")));
  }

  /** A member who may also send: the conversation must be open. */
  private Future<Access> activeMember(long userId, long conversationId) {
    return member(userId, conversationId).compose(access -> access.closed()
        ? Future.failedFuture(closed()) : Future.succeededFuture(access));
  }

  private Future<Void> replyTarget(long conversationId, Long replyToId) {
    if (replyToId == null) {
      return Future.succeededFuture();
    }
    return messages.find(replyToId).compose(found -> found.isPresent() && found.get().conversationId() == conversationId
        ? Future.succeededFuture()
        : Future.failedFuture(Failures.invalid("replyToId", "is not a message of this conversation")));
  }

  private int limit(Integer requested) {
    if (requested == null) {
      return pageDefault;
    }
    if (requested < 1 || requested > pageMax) {
      throw Failures.invalid("limit", "must be 1-" + pageMax);
    }
    return requested;
  }

  private static boolean isDuplicate(Throwable err) {
    return err instanceof io.vertx.mysqlclient.MySQLException e && e.getErrorCode() == 1062;
  }

  private static ServiceException closed() {
    return Failures.of(ChatService.CONVERSATION_CLOSED, "this conversation is closed: you can read it but not send");
  }

  private static ServiceException noSuchMessage() {
    return Failures.of(Failures.NOT_FOUND, "no such message");
  }

  static ChatMessage view(MessageRow row) {
    boolean recalled = row.recalledAt() != null;
    ChatMessage message = new ChatMessage()
        .setId(row.id()).setConversationId(row.conversationId()).setSeq(row.seq()).setSenderId(row.senderId())
        .setClientMsgId(row.clientMsgId()).setKind(row.kind()).setReplyToId(row.replyToId())
        .setCreatedAt(Times.iso(row.createdAt())).setRecalled(recalled);
    if (!recalled) {
      message.setText(row.body());
      if (row.fileId() != null) {
        message.setFile(row.meta() != null && !row.kind().equals("call") && !row.kind().equals("system")
            ? new JsonObject(row.meta())
            : new JsonObject().put("fileId", row.fileId()).put("url", "/api/v1/files/" + row.fileId()));
      }
      if (row.meta() != null && row.kind().equals("call")) {
        message.setCall(new JsonObject(row.meta()));
      }
      if (row.meta() != null && row.kind().equals("system")) {
        message.setSystem(new JsonObject(row.meta()));
      }
      if (row.meta() != null && row.kind().equals("text")) {
        JsonObject meta = new JsonObject(row.meta());
        io.vertx.core.json.JsonArray named = meta.getJsonArray("mentions");
        message.setMentions(named == null ? null : named.stream().map(id -> ((Number) id).longValue()).toList());
        message.setMentionAll(meta.getBoolean("mentionAll", false) ? Boolean.TRUE : null);
      }
    }
    return message;
  }

  static ConversationSummary view(SummaryRow row) {
    return new ConversationSummary()
        .setId(row.id()).setType(row.type()).setPeerId(row.peerId()).setGroupId(row.groupId())
        .setLastMessage(row.last() == null ? null : view(row.last()))
        .setLastSeq(row.lastSeq()).setReadSeq(row.readSeq()).setUnreadCount(Math.max(0, row.lastSeq() - row.readSeq()))
        .setUnreadMentions(row.unreadMentions())
        .setMuted(row.muted()).setPinned(row.pinned()).setClosed(row.closed())
        .setUpdatedAt(Times.iso(row.updatedAt()));
  }

  /** A file the user did not upload but may read in one of their conversations: as it was shown there. */
  private Future<ling.api.file.FileInfo> forwarded(long userId, long fileId) {
    return messages.readableFileMeta(userId, fileId).compose(meta -> meta.isPresent()
        ? Future.succeededFuture(new ling.api.file.FileInfo(new io.vertx.core.json.JsonObject(meta.get())))
        : Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such file")));
  }
}
