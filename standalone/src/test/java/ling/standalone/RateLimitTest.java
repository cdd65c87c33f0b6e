package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
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
    stack = TestStack.start(config -> config.getJsonObject("rateLimit")
        .put("loginFailuresPerUser", 3)
        .put("loginFailuresPerAddress", 6)
        .put("loginWindowSeconds", 120)
        .put("registrationsPerAddress", 2));
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
