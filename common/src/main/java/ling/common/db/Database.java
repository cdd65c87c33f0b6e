package ling.common.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import ling.api.ServiceHealth;

/** Connection pools to the MySQL-compatible database described by the {@code db} config section. */
public final class Database {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);

  private Database() {
  }

  /** A pool named after its owner, so that its metrics stand apart from other pools in the JVM. */
  public static Pool pool(Vertx vertx, JsonObject db, String owner) {
    return builder(db, owner, db.getInteger("maxPoolSize", 8)).using(vertx).build();
  }

  /**
   * A pool whose connections never commit on their own ({@code autocommit} off): every use must
   * end with {@code COMMIT} or {@code ROLLBACK}. Statements sent together without waiting for each
   * other stay in one transaction even if the database ends it early (a deadlock): the rest then
   * open a new one, which the closing {@code ROLLBACK} undoes, instead of committing one by one.
   */
  public static Pool explicitCommitPool(Vertx vertx, JsonObject db, String owner, int size) {
    return explicitCommitPool(vertx, db, owner, size, conn -> Future.succeededFuture());
  }

  /** As above; {@code opened} runs first on each new connection, while it still commits by itself. */
  public static Pool explicitCommitPool(Vertx vertx, JsonObject db, String owner, int size,
                                       java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<?>> opened) {
    return builder(db, owner, size)
        .withConnectHandler(conn -> opened.apply(conn)
            .eventually(() -> conn.query("SET autocommit = 0").execute())
            .onComplete(x -> conn.close()))
        .using(vertx)
        .build();
  }

  /** The longest statement kept prepared: the largest multi-row insert of the send path is about 22 KB. */
  private static final int PREPARED_SQL_LIMIT = 64 * 1024;

  private static io.vertx.sqlclient.ClientBuilder<Pool> builder(JsonObject db, String owner, int size) {
    if (db == null || db.getString("host") == null || db.getString("host").isBlank()) {
      throw new IllegalArgumentException("no database configured: set LING_DB_HOST (and LING_DB_PASSWORD)");
    }
    MySQLConnectOptions connect = new MySQLConnectOptions()
        .setHost(db.getString("host"))
        .setPort(db.getInteger("port", 3306))
        .setDatabase(db.getString("name", "ling"))
        .setUser(db.getString("user", "ling"))
        .setPassword(db.getString("password", ""))
        .setCharset("utf8mb4")
        .setCollation("utf8mb4_unicode_ci")
        // each statement is prepared once per connection, not prepared and closed at every use
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(256)
        // the send path's multi-row statements run to kilobytes: the default limit (2,048 chars) left
        // them prepared, parsed and closed at every use
        .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT)
        // statements that do not wait for each other's results go out together (the send path)
        .setPipeliningLimit(db.getInteger("pipeliningLimit", 256));
    return MySQLBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setName("ling-" + owner))
        .connectingTo(connect);
  }

  /** A service's health: UP exactly when its database answers. */
  public static Future<ServiceHealth> health(Pool pool) {
    return check(pool).map(ServiceHealth::ofDatabase);
  }

  /** UP when the database answers a trivial query, else DOWN with the reason. */
  public static Future<ServiceHealth> check(Pool pool) {
    return pool.query("SELECT 1").execute()
        .map(rows -> ServiceHealth.up())
        .otherwise(err -> {
          LOG.warn("database check failed: {}", err.getMessage());
          return ServiceHealth.down("the database does not answer");
        });
  }
}
