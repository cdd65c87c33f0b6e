package ling.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import ling.common.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest {

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, TestDatabase.connection(), "transactions-test");
    for (String sql : List.of("CREATE TABLE IF NOT EXISTS tx_row (id INT PRIMARY KEY, v INT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS tx_weight (id INT PRIMARY KEY, v INT NOT NULL)",
        "DELETE FROM tx_row", "DELETE FROM tx_weight",
        "INSERT INTO tx_row VALUES (1, 0), (2, 0)",
        "INSERT INTO tx_weight SELECT seq, 0 FROM seq_1_to_50")) {
      pool.query(sql).execute().await();
    }
  }

  @AfterEach
  void close() {
    pool.close().await();
    vertx.close().await();
  }

  @Test
  void theVictimOfADeadlockIsTriedAgainAndCommitsOnce() throws InterruptedException {
    AtomicInteger attempts = new AtomicInteger();
    Promise<Void> holdsRowTwo = Promise.promise();
    SqlConnection other = pool.getConnection().await();
    try {
      // the other transaction has changed many rows, so the database rolls back the lighter one
      Transaction tx = other.begin().await();
      other.query("UPDATE tx_weight SET v = v + 1").execute().await();
      other.query("SELECT v FROM tx_row WHERE id = 1 FOR UPDATE").execute().await();

      Future<Integer> retried = Transactions.withRetry(pool, conn -> {
        int attempt = attempts.incrementAndGet();
        return conn.query("SELECT v FROM tx_row WHERE id = 2 FOR UPDATE").execute()
            .compose(x -> {
              holdsRowTwo.tryComplete();
              return conn.query("SELECT v FROM tx_row WHERE id = 1 FOR UPDATE").execute();
            })
            .compose(x -> conn.query("UPDATE tx_row SET v = v + 1").execute())
            .map(x -> attempt);
      });
      holdsRowTwo.future().await();
      Thread.sleep(200);
      // row 2 closes the cycle: the lighter transaction is chosen, rolled back and tried again
      other.query("SELECT v FROM tx_row WHERE id = 2 FOR UPDATE").execute().await();
      tx.commit().await();

      assertEquals(2, retried.await());
      assertEquals(List.of(1, 1), pool.query("SELECT v FROM tx_row ORDER BY id").execute().await()
          .stream().map(row -> row.getInteger(0)).toList());
    } finally {
      other.close().await();
    }
  }

  @Test
  void otherFailuresAreNotTriedAgain() {
    AtomicInteger attempts = new AtomicInteger();
    Throwable failure = Transactions.withRetry(pool, conn -> {
      attempts.incrementAndGet();
      return conn.query("INSERT INTO tx_row VALUES (1, 5)").execute();
    }).map(x -> (Throwable) null).otherwise(err -> err).await();

    assertTrue(failure instanceof MySQLException e && e.getErrorCode() == 1062, String.valueOf(failure));
    assertEquals(1, attempts.get());
    assertEquals(0, pool.query("SELECT v FROM tx_row WHERE id = 1").execute().await().iterator().next().getInteger(0));
  }
}
