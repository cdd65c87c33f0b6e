package ling.standalone;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import ling.common.TestDatabase;
import ling.common.runtime.Nodes;
import ling.file.impl.FileVerticle;

/**
 * The whole server on the shared test database, with GreenMail as its SMTP server and a signing
 * key the tests know (so that they can forge expired or foreign tokens). The shared stack lives
 * for the JVM; a test that needs other settings starts its own on the same database.
 */
final class TestStack implements AutoCloseable {

  private static TestStack shared;
  private static final AtomicInteger NAMES = new AtomicInteger();

  final Vertx vertx;
  final JsonObject config;
  final int port;
  final GreenMail mail;
  private final Standalone.Deployment deployment;
  private final Map<String, String> serviceIds;

  private TestStack(Vertx vertx, JsonObject config, Standalone.Deployment deployment, GreenMail mail) {
    this.vertx = vertx;
    this.config = config;
    this.deployment = deployment;
    this.port = deployment.port();
    this.mail = mail;
    this.serviceIds = new HashMap<>(deployment.serviceIds());
  }

  static synchronized TestStack shared() {
    if (shared == null) {
      // many tests sign up and fail logins from 127.0.0.1: the per-address limits have their own test
      shared = start(config -> config.getJsonObject("rateLimit")
          .put("registrationsPerAddress", 100_000)
          .put("loginFailuresPerAddress", 100_000)
          .put("resetFailuresPerUser", 100)
          .put("resetFailuresPerAddress", 100_000)
          .put("deviceLinksPerAddress", 100_000));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-stack-stop"));
    }
    return shared;
  }

  /** A separate stack (own Vert.x, so own rate-limit counters) with adjusted settings. */
  static TestStack start(Consumer<JsonObject> adjust) {
    GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    JsonObject config = TestDatabase.config();
    config.getJsonObject("smtp").put("host", "127.0.0.1").put("port", mail.getSmtp().getPort());
    config.getJsonObject("auth").mergeIn(SIGNING_KEYS);
    config.getJsonObject("metrics").put("registryName", "ling-test-" + NAMES.incrementAndGet());
    adjust.accept(config);
    Vertx vertx = Nodes.plain(config);
    return new TestStack(vertx, config, Standalone.deploy(vertx, config).await(), mail);
  }

  /**
   * Stops a service ("file", "media", ...) and starts a new instance of it on the same database
   * and storage, as a restarted process would (the file service gets a new token, and a new
   * endpoint address unless a port is configured).
   */
  void restartService(String name, Supplier<Deployable> fresh) {
    vertx.undeploy(serviceIds.get(name)).await();
    serviceIds.put(name, vertx.deployVerticle(fresh.get(), new DeploymentOptions().setConfig(config)).await());
  }

  /** Stops a service, as a process that went away; {@link #restartService} brings it back. */
  void stopService(String name) {
    vertx.undeploy(serviceIds.get(name)).await();
  }

  void startService(String name, Supplier<Deployable> fresh) {
    serviceIds.put(name, vertx.deployVerticle(fresh.get(), new DeploymentOptions().setConfig(config)).await());
  }

  void restartFileService() {
    restartService("file", FileVerticle::new);
  }

  @Override
  public void close() {
    deployment.closeNow(vertx);
    mail.stop();
  }

  /** A username no other test uses. */
  /**
   * The whole standalone server's configuration on a data directory of its own (its embedded
   * database there too), on any free port, with a metrics registry of its own.
   */
  static JsonObject standaloneConfig(java.nio.file.Path dataDir, String registryName) {
    JsonObject config = ling.common.config.LingConfig.loadNow(Map.of());
    config.put("dataDir", dataDir.toString());
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("metrics").put("registryName", registryName);
    return config;
  }

  static String uniqueName(String prefix) {
    return prefix + "_" + Long.toString(System.nanoTime(), 36) + NAMES.incrementAndGet();
  }

  static final KeyPair KEYS = generate();
  static final JsonObject SIGNING_KEYS = new JsonObject()
      .put("privateKeyPem", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()))
      .put("publicKeyPem", pem("PUBLIC KEY", KEYS.getPublic().getEncoded()));

  /** A JWT (expiring in the given seconds, negative for the past) signed with the server's key (or any other pair), with the claims and expiry the test chooses. */
  static String sign(Vertx vertx, KeyPair pair, JsonObject claims, int expiresInSeconds, String audience) {
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PUBLIC KEY", pair.getPublic().getEncoded())))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))));
    JsonObject withExpiry = claims.copy().put("exp", System.currentTimeMillis() / 1000 + expiresInSeconds);
    return jwt.generateToken(withExpiry, new JWTOptions().setAlgorithm("ES256").setIssuer("ling").addAudience(audience));
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
