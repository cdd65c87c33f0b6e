package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy, the per-address limits count the client the proxy names in
 * {@code X-Forwarded-For}; a header from anyone but a trusted proxy counts for nothing.
 */
class ForwardedClientTest {

  private TestStack stack;
  private WebClient client;

  private void start(String trustedProxies) {
    stack = TestStack.start(config -> {
      config.getJsonObject("http").put("trustedProxies", trustedProxies);
      config.getJsonObject("rateLimit").put("registrationsPerAddress", 1);
    });
    client = WebClient.create(stack.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(stack.port));
  }

  @AfterEach
  void stop() {
    client.close();
    stack.close();
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnAllowance() {
    start("10.0.0.0/8, 127.0.0.0/8");
    assertEquals(201, register("203.0.113.7"));
    assertEquals(429, register("203.0.113.7"));
    // a client's own header before the proxy's entry changes nothing: the proxy's last entry counts
    assertEquals(429, register("198.51.100.1, 203.0.113.7"));
    assertEquals(201, register("203.0.113.8"));
    assertEquals(201, register("2001:db8::1"));
    // not an address (never looked up): the proxy's own address counts, once
    assertEquals(201, register("localhost"));
    assertEquals(429, register("not-an-address"));
  }

  @Test
  void fromAnUntrustedPeerTheHeaderIsIgnored() {
    start("192.0.2.0/24");
    assertEquals(201, register("203.0.113.7"));
    assertEquals(429, register("203.0.113.9"));
  }

  @Test
  void aMalformedTrustedRangeStopsTheStart() {
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> start("10.0.0.0/33"));
    stack = TestStack.start(config -> { });
    client = WebClient.create(stack.vertx);
  }

  private int register(String forwardedFor) {
    String username = TestStack.uniqueName("fw");
    return client.post("/api/v1/auth/register")
        .putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject().put("username", username).put("password", "correct horse"))
        .await().statusCode();
  }
}
