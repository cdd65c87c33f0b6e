package ling.assistant.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import ling.api.Failures;
import ling.api.Pushes;
import ling.api.account.AccountService;
import ling.api.account.UserProfile;
import ling.api.assistant.AssistantService;
import ling.api.assistant.AssistantStatus;
import ling.api.chat.ChatMessage;
import ling.api.chat.ConversationSummary;
import ling.api.chat.SendRequest;
import ling.assistant.impl.ChatCompletions.Turn;
import ling.assistant.impl.UsageRepository.Outcome;
import ling.assistant.impl.UsageRepository.Start;
import ling.common.Times;
import ling.common.push.PushPublisher;
import ling.common.text.UnicodeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions and writes summaries: takes the user's turn (quota and one answer at a time),
 * asks the backend, streams the growing text to the user's sockets, and stores the answer as the
 * assistant's message once it is complete, or tells the user in words why none will come.
 */
final class Answers {

  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);
  /** Deltas go out at most this often: a fast backend sends a chunk per word. */
  private static final long DELTA_EVERY_MILLIS = 100;
  private static final int HISTORY = 50;
  private static final int UNREAD_MAX = 200;

  private final Vertx vertx;
  private final AssistantSettings settings;
  private final UsageRepository usage;
  private final ChatCompletions backend;
  private final ling.api.chat.ChatService chat;
  private final AccountService accounts;
  private final PushPublisher pushes;
  private final UserProfile assistant;
  private final int textMax;

  Answers(Vertx vertx, AssistantSettings settings, UsageRepository usage, ChatCompletions backend,
          ling.api.chat.ChatService chat, AccountService accounts, PushPublisher pushes, UserProfile assistant,
          int textMax) {
    this.vertx = vertx;
    this.settings = settings;
    this.usage = usage;
    this.backend = backend;
    this.chat = chat;
    this.accounts = accounts;
    this.pushes = pushes;
    this.assistant = assistant;
    this.textMax = textMax;
  }

  Future<AssistantStatus> status(long userId) {
    return accounts.assistantContact(userId, assistant.getId())
        .compose(contact -> usage.standing(userId, Times.nowUtc()).map(standing -> new AssistantStatus()
            .setUserId(assistant.getId()).setDisplayName(assistant.getDisplayName())
            .setConversationId(contact.getConversationId())
            .setQuestionsPerWindow(settings.quotaQuestions()).setRemaining(standing.remaining())
            .setResetsAt(Times.iso(standing.resetsAt())).setAnswering(standing.answering())));
  }

  /** A message in one of the assistant's conversations (from the push every member gets). */
  void heard(ChatMessage message) {
    if (message.getSenderId() == assistant.getId() || !"text".equals(message.getKind()) || message.isRecalled()) {
      return;
    }
    long userId = message.getSenderId();
    long conversationId = message.getConversationId();
    // only the user's own conversation with the assistant is ever read to the backend
    accounts.assistantContact(userId, assistant.getId())
        .map(contact -> contact.getConversationId() == conversationId)
        .compose(own -> own ? usage.claim(message.getId(), userId, Times.nowUtc()) : Future.succeededFuture(false))
        .compose(mine -> !mine ? Future.succeededFuture() : answer(userId, conversationId, message.getId(),
            () -> chat.history(assistant.getId(), conversationId, null, null, HISTORY)
                .map(history -> Context.conversation(settings.systemPrompt(), history, assistant.getId(),
                    settings.contextChars())),
            "", true))
        .onFailure(err -> LOG.warn("question {} of user {} was not answered: {}", message.getId(), userId,
            err.getMessage()));
  }

  Future<AssistantStatus> summarise(long userId, long conversationId) {
    // the user's own reading of the conversation: refused for a conversation they are not in
    return chat.listConversations(userId).compose(all -> {
      ConversationSummary summary = all.stream().filter(c -> c.getId() == conversationId).findFirst().orElse(null);
      if (summary == null) {
        return Future.failedFuture(Failures.of(Failures.NOT_FOUND, "no such conversation"));
      }
      if (summary.getUnreadCount() == 0) {
        return Future.failedFuture(Failures.of(AssistantService.NOTHING_UNREAD, "nothing unread to summarise"));
      }
      return status(userId).compose(status -> {
        if (status.getConversationId() == 0) {
          return Future.failedFuture(Failures.of(Failures.UNAVAILABLE, "the assistant's conversation is not open yet"));
        }
        return title(userId, summary).compose(title -> {
          Supplier<Future<List<Turn>>> turns = () -> chat.history(userId, conversationId, null, summary.getReadSeq(),
                  (int) Math.min(UNREAD_MAX, summary.getUnreadCount()))
              .compose(unread -> names(userId, unread).map(names -> Context.summary(settings.systemPrompt(), title,
                  unread, names, settings.contextChars())));
          return answer(userId, status.getConversationId(), 0, turns, "Summary of " + title + ":\n\n", false);
        }).compose(x -> status(userId));
      });
    });
  }

  /** The display names of the messages' senders, as the user sees them. */
  private Future<Map<Long, String>> names(long userId, List<ChatMessage> unread) {
    List<Long> ids = unread.stream().map(ChatMessage::getSenderId).distinct().toList();
    return accounts.getUsers(userId, ids).map(users -> {
      Map<Long, String> names = new java.util.HashMap<>();
      users.forEach(u -> names.put(u.getId(), u.getDisplayName()));
      return names;
    });
  }

  private Future<String> title(long userId, ConversationSummary summary) {
    if (summary.getGroupId() != null) {
      return accounts.getGroup(userId, summary.getGroupId()).map(g -> g.getName());
    }
    if (summary.getPeerId() != null) {
      return accounts.getUser(userId, summary.getPeerId()).map(UserProfile::getDisplayName);
    }
    return Future.succeededFuture("conversation " + summary.getId());
  }

  /**
   * Takes the user's turn, then answers in the background; the future says whether the turn was
   * taken. {@code quietRefusal} tells a refused question by an event (it came as a message), not
   * by failing (a request that can answer in words).
   */
  private Future<Void> answer(long userId, long conversationId, long replyTo, Supplier<Future<List<Turn>>> turns,
                              String heading, boolean quietRefusal) {
    LocalDateTime now = Times.nowUtc();
    LocalDateTime lease = now.plusNanos((settings.answerTimeoutMillis() + 30_000) * 1_000_000);
    return usage.start(userId, now, lease).compose(start -> {
      if (start.outcome() != Outcome.STARTED) {
        boolean busy = start.outcome() == Outcome.BUSY;
        String code = busy ? "assistant_busy" : "assistant_quota_exceeded";
        String text = busy ? "The assistant is still answering your previous question."
            : "You have used all " + settings.quotaQuestions() + " questions of this period; more from "
                + Times.iso(start.standing().resetsAt()) + ".";
        if (quietRefusal) {
          error(userId, conversationId, replyTo, code, text, busy ? null : start.standing().resetsAt());
          return Future.succeededFuture();
        }
        return Future.failedFuture(Failures.of(busy ? AssistantService.BUSY : AssistantService.QUOTA_EXCEEDED, text));
      }
      write(userId, conversationId, replyTo, turns, heading, start);
      return Future.succeededFuture();
    });
  }

  private void write(long userId, long conversationId, long replyTo, Supplier<Future<List<Turn>>> turns,
                     String heading, Start start) {
    Deltas deltas = new Deltas(userId, conversationId, replyTo, heading);
    turns.get()
        .compose(context -> backend.complete(context, deltas::grew))
        // no delta may follow the stored answer: a client would show it as still being written
        .compose(text -> {
          deltas.stop();
          return store(conversationId, replyTo, heading + clean(text));
        })
        .onComplete(done -> {
          deltas.stop();
          usage.finish(userId, start.windowStartedAt(), done.failed());
          if (done.failed()) {
            Throwable cause = done.cause();
            LOG.info("no answer for user {}: {}", userId, cause.getMessage());
            String[] words = words(cause);
            error(userId, conversationId, replyTo, words[0], words[1], null);
          }
        });
  }

  /** The answer as the assistant's message, in parts of at most the text limit. */
  private Future<Void> store(long conversationId, long replyTo, String text) {
    List<String> parts = parts(text, textMax);
    String id = replyTo > 0 ? "assistant-" + replyTo : "assistant-summary-" + java.util.UUID.randomUUID();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < parts.size(); i++) {
      SendRequest send = new SendRequest().setConversationId(conversationId).setKind("text").setText(parts.get(i))
          .setClientMsgId(i == 0 ? id : id + "-" + i).setReplyToId(replyTo > 0 && i == 0 ? replyTo : null);
      chain = chain.compose(x -> chat.send(assistant.getId(), send).mapEmpty());
    }
    return chain;
  }

  static List<String> parts(String text, int max) {
    List<String> parts = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = rest.lastIndexOf('\n', max);
      if (cut < max / 2) {
        cut = rest.lastIndexOf(' ', max);
      }
      if (cut < max / 2) {
        cut = max;
      }
      // never between the two halves of a surrogate pair
      if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
        cut--;
      }
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isBlank()) {
      parts.add(rest);
    }
    return parts;
  }

  /** The backend's text as plain text: no invisible formatting, no control characters but line breaks and tabs. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' || c == '\t' || !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF)) {
        out.appendCodePoint(c);
      }
    });
    String cleaned = UnicodeText.withoutInvisibleFormat(out.toString()).strip();
    return cleaned.isEmpty() ? "…" : cleaned;
  }

  private static String[] words(Throwable cause) {
    if (cause instanceof BackendFailure failure) {
      return switch (failure.kind()) {
        case UNAUTHORIZED -> new String[] {"assistant_backend_unauthorized",
            "The assistant's service refused this server's key. Please tell the operator."};
        case RATE_LIMITED -> new String[] {"assistant_backend_rate_limited",
            "The assistant's service is busy right now. Please ask again in a little while."};
        case TIMED_OUT -> new String[] {"assistant_backend_timeout",
            "The assistant took too long to answer. Please ask again."};
        case UNAVAILABLE -> new String[] {"assistant_backend_unavailable",
            "The assistant's service cannot be reached right now. Please ask again later."};
        case MALFORMED, INTERRUPTED, TOO_LONG -> new String[] {"assistant_backend_failed",
            "The assistant's answer broke off. Please ask again."};
      };
    }
    return new String[] {"assistant_backend_failed", "The assistant could not answer. Please ask again."};
  }

  private void error(long userId, long conversationId, long replyTo, String code, String message,
                     LocalDateTime resetsAt) {
    JsonObject event = new JsonObject().put("type", Pushes.ASSISTANT_ERROR).put("conversationId", conversationId)
        .put("replyTo", replyTo).put("code", code).put("message", message);
    if (resetsAt != null) {
      event.put("resetsAt", Times.iso(resetsAt));
    }
    pushes.publish(userId, event);
  }

  /** The growing answer to the user's sockets, at most every {@link #DELTA_EVERY_MILLIS}. */
  private final class Deltas {
    private final long userId;
    private final long conversationId;
    private final long replyTo;
    private final String heading;
    private String latest;
    private long timer = -1;
    private boolean stopped;

    Deltas(long userId, long conversationId, long replyTo, String heading) {
      this.userId = userId;
      this.conversationId = conversationId;
      this.replyTo = replyTo;
      this.heading = heading;
    }

    void grew(String text) {
      latest = text;
      if (timer < 0 && !stopped) {
        send();
        timer = vertx.setTimer(DELTA_EVERY_MILLIS, id -> {
          timer = -1;
          if (latest != null) {
            grew(latest);
          }
        });
      }
    }

    private void send() {
      String text = latest;
      latest = null;
      pushes.publish(userId, new JsonObject().put("type", Pushes.ASSISTANT_DELTA).put("conversationId", conversationId)
          .put("replyTo", replyTo).put("text", heading + clean(text)));
    }

    void stop() {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
