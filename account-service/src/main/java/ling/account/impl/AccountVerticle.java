package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import ling.api.account.AccountService;
import ling.common.config.DataDirectory;
import ling.common.runtime.ServiceVerticle;

/** Serves {@link AccountService} over the account tables. */
public class AccountVerticle extends ServiceVerticle<AccountService> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccountVerticle.class);

  private ResetMailer mailer;
  private AccountServiceImpl service;

  public AccountVerticle() {
    super("account", AccountService.class, AccountService.ADDRESS);
  }

  @Override
  protected Future<AccountService> createService(JsonObject config) {
    JsonObject auth = config.getJsonObject("auth");
    mailer = new ResetMailer(vertx, config.getJsonObject("smtp"), auth.getInteger("resetCodeMinutes"));
    // key files and the first argon2 hash are blocking work
    return vertx.executeBlocking(() -> {
      SigningKeys keys = SigningKeys.load(auth, DataDirectory.of(config));
      PasswordHasher hasher = new PasswordHasher(auth.getInteger("argon2MemoryKiB"),
          auth.getInteger("argon2Iterations"), auth.getInteger("argon2Parallelism"));
      return new AccountServiceImpl(vertx, pool, config, keys, hasher, mailer);
    }).compose(impl -> impl.prepare().map(restored -> {
      LOG.info("{} session revocation(s) of the last access-token lifetime restored", restored);
      service = impl;
      impl.start();
      return impl;
    }));
  }

  @Override
  protected Future<Void> closeService() {
    if (service != null) {
      service.stop();
    }
    return mailer == null ? Future.succeededFuture() : mailer.close();
  }
}
