package ling.common.runtime;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import ling.common.db.Database;
import ling.common.db.Migrations;

/**
 * A service on the event bus over its own tables: opens the pool, applies the service's
 * migrations, then binds the implementation at the service's address. Stops in reverse order.
 *
 * @param <S> the {@code @ProxyGen} interface served
 */
public abstract class ServiceVerticle<S> extends VerticleBase implements Readiness {

  private final String schema;
  private final Class<S> serviceInterface;
  private final String address;
  protected Pool pool;
  private MessageConsumer<JsonObject> consumer;

  /**
   * @param schema the migration folder and history table prefix: {@code db/<schema>/V<n>.sql}
   * @param serviceInterface the interface served
   * @param address where it is served
   */
  protected ServiceVerticle(String schema, Class<S> serviceInterface, String address) {
    this.schema = schema;
    this.serviceInterface = serviceInterface;
    this.address = address;
  }

  /** Builds the implementation once the schema is current. */
  protected abstract Future<S> createService(JsonObject config);

  /** Releases what {@link #createService} opened, before the pool closes. */
  protected Future<Void> closeService() {
    return Future.succeededFuture();
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config().getJsonObject("db"), schema);
    return Migrations.migrate(vertx, pool, schema, getClass().getClassLoader())
        .compose(version -> createService(config()))
        .compose(service -> {
          consumer = new ServiceBinder(vertx).setAddress(address).register(serviceInterface, service);
          return consumer.completion();
        });
  }

  /** Ready once bound, while the database answers. */
  @Override
  public Future<Void> ready() {
    if (consumer == null || pool == null) {
      return Future.failedFuture("starting");
    }
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered
        .eventually(this::closeService)
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
