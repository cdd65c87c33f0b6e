package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on its own stack (own counters) with low limits. */
class RateLimitTest {

  private TestStack stack;
  private Api api;

  @BeforeEach
  void start() {
    stack = TestStack.start(config -> config.put("http", config.getJsonObject("http")
            .put("trustedProxies", "127.0.0.0/8")).getJsonObject("rateLimit")
        .put("loginFailuresPerUserAndAddress", 3)
        .put("loginFailuresPerUser", 8)
        .put("loginFailuresPerAddress", 6)
        .put("loginWindowSeconds", 120)
        .put("registrationsPerAddress", 2)
        .put("resetFailuresPerUser", 3));
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stop() {
    api.close();
    stack.close();
  }

  @Test
  void bruteForcingOneUsernameIsStoppedThenTheAddress() {
    Session victim = api.register("victim");
    Session bystander = api.register("bystander");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, api.login(victim.username(), "guess-" + i).status());
    }
    // even the right password is refused now: the attacker cannot tell which guess was right
    Reply limited = api.login(victim.username().toUpperCase(), victim.password());
    assertEquals(429, limited.status());
    assertEquals("rate_limited", limited.errorCode());
    long retryAfter = Long.parseLong(limited.headers().get("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 120, "Retry-After " + retryAfter);

    // others can still sign in from this address until the address itself is over its limit
    assertEquals(200, api.login(bystander.username(), bystander.password()).status());
    for (int i = 0; i < 3; i++) {
      assertEquals(401, api.login(TestStack.uniqueName("nobody"), "guess-" + i).status());
    }
    Reply addressLimited = api.login(bystander.username(), bystander.password());
    assertEquals(429, addressLimited.status());
    assertTrue(addressLimited.headers().contains("Retry-After"));
  }

  @Test
  void aStrangersGuessesDoNotLockTheOwnerOut() {
    Session victim = api.register("owner");
    for (int i = 0; i < 3; i++) {
      assertEquals(401, loginFrom("203.0.113.66", victim.username(), "guess-" + i));
    }
    assertEquals(429, loginFrom("203.0.113.66", victim.username(), victim.password()), "the guesser is stopped");
    assertEquals(200, loginFrom("198.51.100.77", victim.username(), victim.password()), "the owner is not");
    // guesses from many addresses meet the account's own limit (8 here) all the same
    for (int i = 0; i < 5; i++) {
      loginFrom("203.0.113." + (100 + i), victim.username(), "spread-" + i);
    }
    assertEquals(429, loginFrom("203.0.113.200", victim.username(), "spread-last"));
  }

  @Test
  void failuresCountForAWholeWindowFromWhenTheyHappenedNotUntilAClockEdge() throws Exception {
    TestStack shortWindow = TestStack.start(config -> config.getJsonObject("rateLimit")
        .put("loginFailuresPerUserAndAddress", 2).put("loginWindowSeconds", 3));
    try (Api quick = new Api(shortWindow.vertx, shortWindow.port)) {
      Session s = quick.register("window");
      assertEquals(401, quick.login(s.username(), "wrong-1").status());
      assertEquals(401, quick.login(s.username(), "wrong-2").status());
      // whatever the clock says, the next two seconds are still within the window of both
      for (int i = 0; i < 4; i++) {
        assertEquals(429, quick.login(s.username(), s.password()).status());
        Thread.sleep(500);
      }
      Thread.sleep(1_500);
      assertEquals(200, quick.login(s.username(), s.password()).status(), "a window after the failures");
    } finally {
      shortWindow.close();
    }
  }

  private int loginFrom(String address, String username, String password) {
    io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(stack.vertx,
        new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(stack.port));
    try {
      return client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", address)
          .sendJsonObject(new JsonObject().put("username", username).put("password", password))
          .await().statusCode();
    } finally {
      client.close();
    }
  }

  @Test
  void aParallelBurstOfGuessesGetsNoMoreTriesThanTheLimit() {
    Session victim = api.register("burst");
    List<Future<Reply>> guesses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String guess = "parallel-guess-" + i;
      guesses.add(api.callAsync(io.vertx.core.http.HttpMethod.POST, "/auth/login", null,
          new JsonObject().put("username", victim.username()).put("password", guess)));
    }
    List<Integer> statuses = Future.all(guesses).await().<Reply>list().stream().map(Reply::status).toList();
    assertEquals(3, statuses.stream().filter(status -> status == 401).count(), statuses.toString());
    assertEquals(27, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
  }

  @Test
  void guessingResetCodesIsLimitedPerUsername() {
    Session s = api.register("guess");
    for (int i = 0; i < 3; i++) {
      assertEquals(400, api.post("/auth/password-reset/confirm", new JsonObject().put("username", s.username())
          .put("code", String.format("%06d", i)).put("newPassword", "new-password-1")).status());
    }
    Reply limited = api.post("/auth/password-reset/confirm", new JsonObject().put("username", s.username())
        .put("code", "000009").put("newPassword", "new-password-1"));
    assertEquals(429, limited.status());
    assertTrue(limited.headers().contains("Retry-After"));
  }

  @Test
  void registrationsPerAddressAreLimited() {
    for (int i = 0; i < 2; i++) {
      api.register("many");
    }
    Reply limited = api.post("/auth/register", new JsonObject().put("username", TestStack.uniqueName("many"))
        .put("password", "password-1"));
    assertEquals(429, limited.status());
    assertTrue(limited.headers().contains("Retry-After"));
  }
}
