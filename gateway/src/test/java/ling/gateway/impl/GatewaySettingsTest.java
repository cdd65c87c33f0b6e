package ling.gateway.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import ling.common.config.LingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings read from the defaults the server ships with, and a bad limit refused at start with
 * its key named, rather than found out later from a socket closed for no clear reason.
 */
class GatewaySettingsTest {

  @Test
  void theShippedDefaultsAreReadAsTheyAre() throws IOException {
    GatewaySettings settings = GatewaySettings.from(defaults());

    assertEquals(8080, settings.http().port());
    assertEquals(65536, settings.http().maxBodyBytes());
    assertEquals(10, settings.http().requestHeadSeconds());
    assertEquals("", settings.http().trustedProxies());
    assertEquals(65536, settings.ws().maxFrameBytes());
    assertEquals(10, settings.ws().maxSocketsPerUser());
    assertEquals(67_108_864L, settings.ws().maxQueuedBytesTotal());
    assertEquals(5000L, settings.ws().slowGraceMillis());
    assertTrue(settings.ws().coalesceWrites());
    assertEquals(10, settings.ws().presenceHeartbeatSeconds());
    assertEquals(4, settings.files().proxyUploadsPerUser());
    assertEquals(30_000L, settings.files().proxyIdleMillis());
    assertEquals(5, settings.rateLimit().loginFailuresPerUserAndAddress());
    assertEquals(3600, settings.rateLimit().deviceLinkWindowSeconds());
    assertEquals("ling", settings.auth().issuer());
    assertNull(settings.auth().publicKeyPem());
    assertTrue(settings.metrics().onApi());
    assertFalse(settings.assistant(), "no assistant without a backend");
  }

  @Test
  void anAssistantExistsOnlyWhereItsBackendIsNamed() throws IOException {
    JsonObject config = defaults();
    config.getJsonObject("assistant").put("baseUrl", " ");
    assertFalse(GatewaySettings.from(config).assistant());
    config.getJsonObject("assistant").put("baseUrl", "http://127.0.0.1:11434/v1");
    assertTrue(GatewaySettings.from(config).assistant());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws.maxFrameBytes", "ws.maxFramesPerSecondPerUser", "ws.maxQueuedBytes", "ws.idleSeconds",
      "presence.heartbeatSeconds", "http.maxConnectionsPerAddress", "files.proxyConnections",
      "rateLimit.loginWindowSeconds"})
  void aLimitOfZeroIsRefusedWithItsKeyNamed(String key) throws IOException {
    JsonObject config = defaults();
    section(config, key).put(field(key), 0);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> GatewaySettings.from(config));
    assertTrue(refused.getMessage().startsWith(key + " must be a positive number"), refused.getMessage());
  }

  @Test
  void aMissingOrMistypedLimitIsRefusedToo() throws IOException {
    JsonObject missing = defaults();
    missing.getJsonObject("rateLimit").remove("resetFailuresPerUser");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(missing)).getMessage()
        .startsWith("rateLimit.resetFailuresPerUser must be a positive number"));

    JsonObject text = defaults();
    text.getJsonObject("ws").put("maxPendingSends", "200");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(text)).getMessage()
        .startsWith("ws.maxPendingSends must be a positive number"));

    JsonObject negative = defaults();
    negative.getJsonObject("ws").put("slowGraceMillis", -1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(negative)).getMessage()
        .startsWith("ws.slowGraceMillis must be a non-negative number"));
  }

  @Test
  void valuesThatSwitchSomethingOffStillDo() throws IOException {
    JsonObject config = defaults();
    config.getJsonObject("http").put("requestHeadSeconds", 0).put("idleSeconds", 0).put("port", 0);
    config.getJsonObject("ws").put("slowGraceMillis", 0).remove("coalesceWrites");

    GatewaySettings settings = GatewaySettings.from(config);
    assertEquals(0, settings.http().requestHeadSeconds());
    assertEquals(0, settings.http().idleSeconds());
    assertEquals(0, settings.http().port());
    assertEquals(0L, settings.ws().slowGraceMillis());
    assertTrue(settings.ws().coalesceWrites(), "absent, writes are coalesced as before");

    config.getJsonObject("ws").put("coalesceWrites", false);
    assertFalse(GatewaySettings.from(config).ws().coalesceWrites());
  }

  /** The defaults file from the classpath (the common module's jar), as the server reads it first. */
  private static JsonObject defaults() throws IOException {
    try (InputStream in = GatewaySettingsTest.class.getClassLoader()
        .getResourceAsStream(LingConfig.DEFAULTS_RESOURCE)) {
      assertTrue(in != null, LingConfig.DEFAULTS_RESOURCE + " on the classpath");
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static JsonObject section(JsonObject config, String key) {
    return config.getJsonObject(key.substring(0, key.indexOf('.')));
  }

  private static String field(String key) {
    return key.substring(key.indexOf('.') + 1);
  }
}
