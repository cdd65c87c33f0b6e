package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import ling.api.account.AccountService;
import ling.common.config.DataDirectory;
import ling.common.db.Database;
import ling.common.db.Migrations;

/** Migrates the account tables and serves {@link AccountService} on the event bus. */
public class AccountVerticle extends VerticleBase {

  private Pool pool;
  private ResetMailer mailer;
  private MessageConsumer<JsonObject> consumer;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    JsonObject auth = config.getJsonObject("auth");
    pool = Database.pool(vertx, config.getJsonObject("db"));
    mailer = new ResetMailer(vertx, config.getJsonObject("smtp"), auth.getInteger("resetCodeMinutes"));
    return Migrations.migrate(vertx, pool, "account", AccountVerticle.class.getClassLoader())
        .compose(version -> vertx.executeBlocking(() -> {
          SigningKeys keys = SigningKeys.load(auth, DataDirectory.of(config));
          PasswordHasher hasher = new PasswordHasher(auth.getInteger("argon2MemoryKiB"),
              auth.getInteger("argon2Iterations"), auth.getInteger("argon2Parallelism"));
          return new AccountServiceImpl(vertx, pool, config, keys, hasher, mailer);
        }))
        .compose(service -> {
          consumer = new ServiceBinder(vertx).setAddress(AccountService.ADDRESS)
              .register(AccountService.class, service);
          return consumer.completion();
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered
        .eventually(() -> mailer == null ? Future.succeededFuture() : mailer.close())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
