package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ling.common.Times;

/** The database's identity ({@code installation}): made once, then read at every start. */
final class InstallationRepository {

  private final Pool pool;

  InstallationRepository(Pool pool) {
    this.pool = pool;
  }

  /** The id, made now if this database has none (several instances starting at once agree on one). */
  Future<String> id() {
    return pool.preparedQuery("INSERT IGNORE INTO installation (singleton, id, created_at) VALUES (1, ?, ?)")
        .execute(Tuple.of(UUID.randomUUID().toString(), Times.nowUtc()))
        .compose(x -> pool.query("SELECT id FROM installation WHERE singleton = 1").execute())
        .map(rows -> rows.iterator().next().getString(0));
  }
}
