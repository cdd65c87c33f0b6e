package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class AuthApiTest extends SharedStackTest {

  @Test
  void registerReturnsTheUserAndATokenPairThatWorks() {
    String username = TestStack.uniqueName("reg");
    Reply reply = api.post("/auth/register", new JsonObject().put("username", username).put("password", "s3cret-pass")
        .put("displayName", "小明 😀").put("email", "xm@example.com").put("phone", "+86 138-0000-0000"));
    assertEquals(201, reply.status(), reply.text());
    JsonObject body = reply.json();
    JsonObject user = body.getJsonObject("user");
    assertEquals(username, user.getString("username"));
    assertEquals("小明 😀", user.getString("displayName"));
    assertEquals("xm@example.com", user.getString("email"));
    assertTrue(user.containsKey("avatarUrl"));
    assertFalse(user.getBoolean("online"));
    assertEquals(900, body.getInteger("expiresIn"));
    assertNotNull(body.getString("refreshToken"));
    assertFalse(reply.text().contains("s3cret-pass"));

    Reply me = api.get("/me", "Bearer " + body.getString("accessToken"));
    assertEquals(200, me.status());
    assertEquals(user.getLong("id"), me.json().getLong("id"));
    assertEquals("+86 138-0000-0000", me.json().getString("phone"));
    assertTrue(me.json().getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
  }

  @Test
  void displayNameDefaultsToTheUsername() {
    Session s = api.register("dflt");
    assertEquals(s.username(), api.get("/me", s.bearer()).json().getString("displayName"));
  }

  @Test
  void usernamesAreUniqueRegardlessOfCase() {
    String username = TestStack.uniqueName("Case");
    api.register(username, "password-1", null);
    Reply again = api.post("/auth/register", new JsonObject().put("username", username.toUpperCase())
        .put("password", "password-2"));
    assertEquals(409, again.status());
    assertEquals("username_taken", again.errorCode());
  }

  @Test
  void registerRefusesBadFieldsNamingThem() {
    assertInvalid(new JsonObject().put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", "").put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", "ab").put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", "a".repeat(33)).put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", "bob'; DROP TABLE app_user;--").put("password", "password-1"),
        "username");
    assertInvalid(new JsonObject().put("username", "bob😀").put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", 42).put("password", "password-1"), "username");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("p")), "password");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("p")).put("password", "short"), "password");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("p")).put("password", "x".repeat(129)),
        "password");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("p")).put("password", true), "password");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("d")).put("password", "password-1")
        .put("displayName", "   "), "displayName");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("d")).put("password", "password-1")
        .put("displayName", "😀".repeat(65)), "displayName");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("d")).put("password", "password-1")
        .put("displayName", "bell\u0007"), "displayName");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("e")).put("password", "password-1")
        .put("email", "not-an-email"), "email");
    assertInvalid(new JsonObject().put("username", TestStack.uniqueName("e")).put("password", "password-1")
        .put("phone", "call me"), "phone");
  }

  @Test
  void sixtyFourEmojiAreAValidDisplayName() {
    Session s = api.register(TestStack.uniqueName("emoji"), "password-1",
        new JsonObject().put("displayName", "😀".repeat(64)));
    assertEquals("😀".repeat(64), api.get("/me", s.bearer()).json().getString("displayName"));
  }

  @Test
  void malformedBodiesAreRefusedWithTheContractErrorBody() {
    Reply malformed = api.post("/auth/register", Buffer.buffer("{\"username\": "));
    assertEquals(400, malformed.status());
    assertEquals("invalid_request", malformed.errorCode());
    assertTrue(malformed.errorMessage().startsWith("body"));

    Reply array = api.post("/auth/login", new JsonArray().add(1));
    assertEquals(400, array.status());

    Reply empty = api.post("/auth/login", Buffer.buffer());
    assertEquals(400, empty.status());
    assertTrue(empty.errorMessage().startsWith("body"));

    Reply huge = api.post("/auth/register", new JsonObject().put("username", "big").put("password", "x".repeat(200_000)));
    assertEquals(413, huge.status());
    assertEquals("too_large", huge.errorCode());
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
    var response = io.vertx.ext.web.client.WebClient.create(stack.vertx)
        .post(stack.port, "127.0.0.1", "/api/v1/auth/login")
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("username=a&password=b")).await();
    assertEquals(415, response.statusCode());
    assertEquals("unsupported_media_type", response.bodyAsJsonObject().getJsonObject("error").getString("code"));
  }

  @Test
  void unknownPathsAndMethodsAnswerWithTheErrorBody() {
    Reply unknown = api.get("/no/such/thing", null);
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.errorCode());
    Reply wrongMethod = api.call(io.vertx.core.http.HttpMethod.DELETE, "/auth/login", null, null);
    assertEquals(405, wrongMethod.status());
    assertEquals("method_not_allowed", wrongMethod.errorCode());
  }

  @Test
  void loginWorksCaseInsensitivelyAndFailuresLookTheSame() {
    Session s = api.register("login");
    Reply ok = api.login(s.username().toUpperCase(), s.password());
    assertEquals(200, ok.status());
    assertEquals(s.id(), ok.json().getJsonObject("user").getLong("id"));
    assertNotEquals(s.refreshToken(), ok.json().getString("refreshToken"));

    Reply wrongPassword = api.login(s.username(), s.password() + "x");
    Reply unknownUser = api.login(TestStack.uniqueName("ghost"), s.password());
    assertEquals(401, wrongPassword.status());
    assertEquals(401, unknownUser.status());
    assertEquals(wrongPassword.json(), unknownUser.json());
    assertEquals("invalid_credentials", wrongPassword.errorCode());

    Reply missing = api.post("/auth/login", new JsonObject().put("username", s.username()));
    assertEquals(400, missing.status());
    assertTrue(missing.errorMessage().startsWith("password"));
  }

  @Test
  void refreshRotatesAndReuseEndsTheWholeFamily() {
    Session s = api.register("rot");
    Reply first = api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken()));
    assertEquals(200, first.status());
    String second = first.json().getString("refreshToken");
    assertNotEquals(s.refreshToken(), second);
    assertEquals(200, api.get("/me", "Bearer " + first.json().getString("accessToken")).status());

    // the rotated token is replayed: refused, and the family (including the newest token) dies
    Reply replay = api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken()));
    assertEquals(401, replay.status());
    assertEquals("invalid_token", replay.errorCode());
    Reply newest = api.post("/auth/refresh", new JsonObject().put("refreshToken", second));
    assertEquals(401, newest.status());

    // another session of the same user is untouched
    Reply other = api.login(s.username(), s.password());
    Reply otherRefresh = api.post("/auth/refresh", new JsonObject().put("refreshToken",
        other.json().getString("refreshToken")));
    assertEquals(200, otherRefresh.status());
  }

  @Test
  void refreshRefusesGarbage() {
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", "nope")).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", "' OR 1=1 --")).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", "x".repeat(5000))).status());
    assertEquals(400, api.post("/auth/refresh", new JsonObject().put("refreshToken", 12)).status());
    assertEquals(400, api.post("/auth/refresh", new JsonObject()).status());
  }

  @Test
  void logoutEndsOnlyTheSessionItNames() {
    Session s = api.register("out");
    Session second = Api.session(api.login(s.username(), s.password()).json(), s.password());
    assertEquals(204, api.post("/auth/logout", new JsonObject().put("refreshToken", s.refreshToken())).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", s.refreshToken())).status());
    assertEquals(200, api.post("/auth/refresh", new JsonObject().put("refreshToken", second.refreshToken())).status());
    // unknown tokens are accepted silently: logout reveals nothing
    assertEquals(204, api.post("/auth/logout", new JsonObject().put("refreshToken", "unknown")).status());
  }

  @Test
  void protectedEndpointsRefuseMissingExpiredTamperedAndForeignTokens() {
    Session s = api.register("tok");
    assertUnauthorized(null);
    assertUnauthorized("Bearer");
    assertUnauthorized("Bearer not.a.jwt");
    assertUnauthorized("Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()));

    String[] parts = s.accessToken().split("\\.");
    JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1])));
    claims.put("sub", "1");
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes()) + "." + parts[2];
    assertUnauthorized("Bearer " + tampered);

    JsonObject good = new JsonObject().put("sub", Long.toString(s.id())).put("sid", Long.MAX_VALUE - s.id())
        .put("iat_ms", System.currentTimeMillis()).put("inst", claims.getString("inst"));
    String expired = TestStack.sign(stack.vertx, TestStack.KEYS, good, -120, "ling-clients");
    assertUnauthorized("Bearer " + expired);
    String foreign = TestStack.sign(stack.vertx, TestStack.generate(), good, 600, "ling-clients");
    assertUnauthorized("Bearer " + foreign);
    String neverExpires = io.vertx.ext.auth.jwt.JWTAuth.create(stack.vertx, new io.vertx.ext.auth.jwt.JWTAuthOptions()
            .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("ES256")
                .setBuffer(TestStack.SIGNING_KEYS.getString("privateKeyPem"))))
        .generateToken(good, new io.vertx.ext.auth.JWTOptions().setAlgorithm("ES256").setIssuer("ling")
            .addAudience("ling-clients"));
    assertUnauthorized("Bearer " + neverExpires);
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String payload = b64.encodeToString(good.copy().put("exp", System.currentTimeMillis() / 1000 + 600)
        .put("iss", "ling").put("aud", "ling-clients").encode().getBytes());
    String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + payload + ".";
    assertUnauthorized("Bearer " + unsigned);
    // HS256 "signed" with the public key as the shared secret: the classic key confusion
    String hsHeader = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    String confused = hsHeader + "." + payload + "." + b64.encodeToString(hmac(
        TestStack.SIGNING_KEYS.getString("publicKeyPem").getBytes(), (hsHeader + "." + payload).getBytes()));
    assertUnauthorized("Bearer " + confused);
    String otherAudience = TestStack.sign(stack.vertx, TestStack.KEYS, good, 600, "someone-else");
    assertUnauthorized("Bearer " + otherAudience);
    // signed with the right key for another installation (another database), or for none
    assertUnauthorized("Bearer " + TestStack.sign(stack.vertx, TestStack.KEYS,
        good.copy().put("inst", java.util.UUID.randomUUID().toString()), 600, "ling-clients"));
    JsonObject noInstallation = good.copy();
    noInstallation.remove("inst");
    assertUnauthorized("Bearer " + TestStack.sign(stack.vertx, TestStack.KEYS, noInstallation, 600, "ling-clients"));

    // the same claims, properly signed, are accepted: the refusals above are about the token
    String valid = TestStack.sign(stack.vertx, TestStack.KEYS, good, 600, "ling-clients");
    assertEquals(200, api.get("/me", "Bearer " + valid).status());
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void logoutAndRefreshReuseVoidThatSessionsAccessTokenAndSocketsOnly() {
    Session s = api.register("void");
    Session other = Api.session(api.login(s.username(), s.password()).json(), s.password());
    try (Socket mine = Socket.connect(stack.vertx, stack.port, s.bearer());
         Socket theirs = Socket.connect(stack.vertx, stack.port, other.bearer())) {
      ping(mine);
      ping(theirs);
      assertEquals(204, api.post("/auth/logout", new JsonObject().put("refreshToken", s.refreshToken())).status());
      assertEquals("session.revoked", mine.next().getString("type"));
      assertEquals(4401, mine.closeCode(5_000));
      ping(theirs);
    }
    assertEquals(401, api.get("/me", s.bearer()).status());
    assertEquals(200, api.get("/me", other.bearer()).status());

    // a replayed refresh token ends its session's access tokens too
    Reply rotated = api.post("/auth/refresh", new JsonObject().put("refreshToken", other.refreshToken()));
    String newAccess = "Bearer " + rotated.json().getString("accessToken");
    assertEquals(200, api.get("/me", newAccess).status());
    assertEquals(401, api.post("/auth/refresh", new JsonObject().put("refreshToken", other.refreshToken())).status());
    assertEquals(401, api.get("/me", newAccess).status());
    assertEquals(401, api.get("/me", other.bearer()).status());
  }

  private static void ping(Socket socket) {
    socket.send(new JsonObject().put("type", "ping"));
    assertEquals("pong", socket.next().getString("type"));
  }

  private void assertUnauthorized(String authorization) {
    Reply reply = api.get("/me", authorization);
    assertEquals(401, reply.status(), String.valueOf(authorization));
    assertEquals("unauthorized", reply.errorCode());
    assertEquals("Bearer", reply.headers().get("WWW-Authenticate"));
    assertNull(reply.json().getJsonObject("error").getValue("stack"));
  }

  private void assertInvalid(JsonObject body, String field) {
    Reply reply = api.post("/auth/register", body);
    assertEquals(400, reply.status(), body.encode() + " -> " + reply.text());
    assertEquals("invalid_request", reply.errorCode());
    assertTrue(reply.errorMessage().startsWith(field), reply.errorMessage());
  }
}
