package ling.gateway.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InstallationTest {

  private final AtomicReference<String> current = new AtomicReference<>("db-2");
  private final AtomicInteger asked = new AtomicInteger();

  private Future<String> ask() {
    asked.incrementAndGet();
    return Future.succeededFuture(current.get());
  }

  @Test
  void aTokenOfTheKnownInstallationPassesWithoutAsking() {
    Installation installation = new Installation("db-1", this::ask, 0);
    assertTrue(installation.matches("db-1").result());
    assertEquals(0, asked.get());
    assertFalse(installation.matches(null).result());
  }

  @Test
  void aDatabaseReplacedWhileTheGatewayRanIsLearntAndTheOldTokensNoLongerPass() {
    Installation installation = new Installation("db-1", this::ask, 0);
    assertTrue(installation.matches("db-2").result(), "a token of the new database passes once asked");
    assertEquals(1, asked.get());
    assertFalse(installation.matches("db-1").result(), "the old database's tokens name other users");
    assertTrue(installation.matches("db-2").result());
    assertEquals(2, asked.get(), "the known installation is not asked again");
  }

  @Test
  void strangersCannotMakeItAskMoreThanOnceInAWhile() {
    Installation installation = new Installation("db-1", this::ask, 60_000);
    for (int i = 0; i < 100; i++) {
      assertFalse(installation.matches("forged-" + i).result());
    }
    assertEquals(0, asked.get(), "within the interval a foreign claim is refused without asking");
  }

  @Test
  void anAccountServiceThatDoesNotAnswerRefusesTheToken() {
    Installation installation = new Installation("db-1", () -> Future.failedFuture("away"), 0);
    assertFalse(installation.matches("db-2").result());
    assertTrue(installation.matches("db-1").result());
  }
}
