package ling.assistant.impl;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import ling.api.Addresses;
import ling.api.Pushes;
import ling.api.account.AccountService;
import ling.api.account.UserProfile;
import ling.api.assistant.AssistantService;
import ling.api.chat.ChatMessage;
import ling.api.chat.ChatService;
import ling.common.push.PushPublisher;
import ling.common.runtime.ServiceVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link AssistantService} where {@code assistant.baseUrl} is set. It makes (or finds) the
 * assistant's account, then hears every message of the assistant's conversations the way a
 * user's socket would, on the assistant's user address.
 */
public class AssistantVerticle extends ServiceVerticle<AssistantService> {

  private static final Logger LOG = LoggerFactory.getLogger(AssistantVerticle.class);
  /** The account service may still be starting: it is asked again for this long. */
  private static final long ACCOUNT_WAIT_MILLIS = 120_000;

  /** Claims of questions are kept this long: every instance hears a question within seconds. */
  private static final long CLAIMS_KEPT_HOURS = 24;
  private static final long SWEEP_MILLIS = 3_600_000;

  private MessageConsumer<String> hearing;
  private long sweeper = -1;
  private ChatCompletions backend;

  public AssistantVerticle() {
    super("assistant", AssistantService.class, AssistantService.ADDRESS);
  }

  /** Whether the configuration names a backend, so that there is an assistant at all. */
  public static boolean configured(JsonObject config) {
    return AssistantSettings.of(config) != null;
  }

  @Override
  protected Future<AssistantService> createService(JsonObject config) {
    AssistantSettings settings = AssistantSettings.of(config);
    if (settings == null) {
      return Future.failedFuture("assistant.baseUrl is not set: there is no assistant to serve");
    }
    LOG.info("assistant on {}", settings);
    JsonObject assistant = config.getJsonObject("assistant");
    AccountService accounts = AccountService.createProxy(vertx);
    backend = new ChatCompletions(vertx, settings);
    UsageRepository usage = new UsageRepository(pool, settings.quotaQuestions(), settings.quotaWindowSeconds());
    int textMax = config.getJsonObject("limits").getInteger("textMax");
    return account(accounts, assistant.getString("username"), assistant.getString("displayName"),
        System.currentTimeMillis() + ACCOUNT_WAIT_MILLIS)
        .compose(profile -> {
          Answers answers = new Answers(vertx, settings, usage, backend, ChatService.createProxy(vertx), accounts,
              PushPublisher.from(vertx, config), profile, textMax);
          hearing = vertx.eventBus().consumer(Addresses.user(profile.getId()), msg -> heard(answers, msg.body()));
          sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> usage.forgetQuestions(
                  ling.common.Times.nowUtc().minusHours(CLAIMS_KEPT_HOURS))
              .onFailure(err -> LOG.warn("old question claims were not swept: {}", err.getMessage())));
          return hearing.completion().map(x -> new AssistantServiceImpl(answers));
        });
  }

  private static void heard(Answers answers, Object body) {
    try {
      JsonObject event = body instanceof String text ? new JsonObject(text) : (JsonObject) body;
      if (Pushes.MESSAGE.equals(event.getString("type")) && event.getJsonObject("message") != null) {
        answers.heard(new ChatMessage(event.getJsonObject("message")));
      }
    } catch (RuntimeException e) {
      LOG.warn("an event on the assistant's address was not understood: {}", e.getMessage());
    }
  }

  private Future<UserProfile> account(AccountService accounts, String username, String displayName, long until) {
    return accounts.assistantAccount(username, displayName).recover(err -> {
      boolean away = err instanceof io.vertx.core.eventbus.ReplyException reply
          && !(err instanceof io.vertx.serviceproxy.ServiceException);
      if (!away || System.currentTimeMillis() > until) {
        return Future.failedFuture(err);
      }
      return vertx.timer(1_000).compose(x -> account(accounts, username, displayName, until));
    });
  }

  @Override
  protected Future<Void> closeService() {
    vertx.cancelTimer(sweeper);
    Future<Void> unregistered = hearing == null ? Future.succeededFuture() : hearing.unregister();
    return unregistered.eventually(() -> backend == null ? Future.succeededFuture() : backend.close());
  }
}
