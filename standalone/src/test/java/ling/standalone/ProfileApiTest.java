package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

class ProfileApiTest extends SharedStackTest {

  @Test
  void patchMeChangesOnlyWhatIsGivenAndNullClears() throws java.io.IOException {
    Session s = api.register(TestStack.uniqueName("prof"), "password-1",
        new JsonObject().put("email", "p@example.com").put("phone", "12345"));
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png", png);
    long avatar = api.upload("/files", s.bearer(), "file", "me.png", png.toByteArray(), "image/png").json()
        .getLong("fileId");
    Reply patched = api.patch("/me", s.bearer(), new JsonObject().put("displayName", "  王五 🐉  ")
        .put("signature", "今天也要加油 💪").put("avatarFileId", avatar));
    assertEquals(200, patched.status(), patched.text());
    JsonObject me = patched.json();
    assertEquals("王五 🐉", me.getString("displayName"));
    assertEquals("今天也要加油 💪", me.getString("signature"));
    assertEquals("/api/v1/files/" + avatar, me.getString("avatarUrl"));
    assertEquals("p@example.com", me.getString("email"));

    JsonObject cleared = api.patch("/me", s.bearer(), new JsonObject().putNull("phone").putNull("avatarFileId")).json();
    assertNull(cleared.getString("phone"));
    assertNull(cleared.getString("avatarUrl"));
    assertEquals("王五 🐉", cleared.getString("displayName"));
    assertEquals(cleared, api.get("/me", s.bearer()).json());
  }

  @Test
  void patchMeRefusesBadFieldsAndChangesNothing() {
    Session s = api.register("bad");
    JsonObject before = api.get("/me", s.bearer()).json();
    assertInvalid(s, new JsonObject().put("displayName", 5), "displayName");
    assertInvalid(s, new JsonObject().putNull("displayName"), "displayName");
    assertInvalid(s, new JsonObject().put("displayName", ""), "displayName");
    assertInvalid(s, new JsonObject().put("signature", "x".repeat(201)), "signature");
    assertInvalid(s, new JsonObject().put("email", "@"), "email");
    assertInvalid(s, new JsonObject().put("avatarFileId", "12"), "avatarFileId");
    assertInvalid(s, new JsonObject().put("avatarFileId", -1), "avatarFileId");
    assertInvalid(s, new JsonObject().put("username", "renamed"), "username");
    // a valid field next to an invalid one is not applied either
    assertInvalid(s, new JsonObject().put("signature", "ok").put("email", "nope"), "email");
    assertEquals(before, api.get("/me", s.bearer()).json());
    assertEquals(401, api.patch("/me", null, new JsonObject().put("signature", "x")).status());
  }

  @Test
  void otherUsersSeeNoEmailOrPhone() {
    Session owner = api.register(TestStack.uniqueName("priv"), "password-1",
        new JsonObject().put("email", "secret@example.com").put("phone", "555 0100"));
    Session viewer = api.register("viewer");
    Reply seen = api.get("/users/" + owner.id(), viewer.bearer());
    assertEquals(200, seen.status());
    JsonObject user = seen.json();
    assertEquals(owner.username(), user.getString("username"));
    assertFalse(user.containsKey("email"));
    assertFalse(user.containsKey("phone"));
    assertFalse(user.containsKey("createdAt"));
    assertFalse(seen.text().contains("secret@example.com"));
    assertTrue(user.containsKey("online"));

    assertEquals(404, api.get("/users/999999999", viewer.bearer()).status());
    assertEquals("not_found", api.get("/users/999999999", viewer.bearer()).errorCode());
    Reply badId = api.get("/users/abc", viewer.bearer());
    assertEquals(400, badId.status());
    assertTrue(badId.errorMessage().startsWith("id"));
    assertEquals(400, api.get("/users/-3", viewer.bearer()).status());
    assertEquals(401, api.get("/users/" + owner.id(), null).status());
  }

  @Test
  void searchMatchesSubstringsCaseInsensitivelyAndTakesMetacharactersLiterally() {
    String tag = "Srch" + Long.toString(System.nanoTime(), 36);
    Session a = api.register(tag + "_alpha", "password-1", new JsonObject().put("displayName", "Alpha 🐼"));
    Session b = api.register(tag.toLowerCase() + "_beta", "password-1", new JsonObject().put("displayName", "100% 贝塔"));
    Session c = api.register(tag + "_gamma", "password-1", new JsonObject().put("displayName", "伽马"));

    assertEquals(List.of(c.id(), b.id(), a.id()), ids(search(a, tag.toUpperCase(), "")));
    assertEquals(List.of(a.id()), ids(search(a, tag + "_alpha", "")));
    assertEquals(List.of(b.id()), ids(search(a, "100%", "")));
    assertTrue(ids(search(a, "🐼", "")).contains(a.id()));
    assertFalse(ids(search(a, "🐨", "")).contains(a.id()));
    assertEquals(List.of(c.id()), ids(search(a, "伽", "")).stream().filter(id -> id.equals(c.id())).toList());
    // LIKE wildcards and quotes mean themselves
    assertEquals(List.of(), ids(search(a, tag + "%", "")));
    assertEquals(List.of(), ids(search(a, "' OR '1'='1", "")));
    assertTrue(ids(search(a, "_", "")).size() >= 3);

    // newest first, paged with limit and beforeId
    JsonArray first = search(a, tag, "&limit=2");
    assertEquals(List.of(c.id(), b.id()), ids(first));
    assertEquals(List.of(a.id()), ids(search(a, tag, "&limit=2&beforeId=" + b.id())));
    JsonObject someone = first.getJsonObject(0);
    assertFalse(someone.containsKey("email"));
  }

  @Test
  void searchRefusesBadParameters() {
    Session s = api.register("sq");
    assertEquals(400, api.get("/users/search", s.bearer()).status());
    assertEquals(400, api.get("/users/search?q=", s.bearer()).status());
    assertEquals(400, api.get("/users/search?q=%20%20", s.bearer()).status());
    assertEquals(400, api.get("/users/search?q=" + "x".repeat(65), s.bearer()).status());
    Reply limit = api.get("/users/search?q=a&limit=201", s.bearer());
    assertEquals(400, limit.status());
    assertTrue(limit.errorMessage().startsWith("limit"));
    assertEquals(400, api.get("/users/search?q=a&limit=ten", s.bearer()).status());
    assertEquals(400, api.get("/users/search?q=a&limit=0", s.bearer()).status());
    assertEquals(400, api.get("/users/search?q=a&beforeId=x", s.bearer()).status());
    assertEquals(401, api.get("/users/search?q=a", null).status());
  }

  private JsonArray search(Session as, String q, String extra) {
    Reply reply = api.get("/users/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra, as.bearer());
    assertEquals(200, reply.status(), reply.text());
    return reply.array();
  }

  private static List<Long> ids(JsonArray users) {
    return users.stream().map(u -> ((JsonObject) u).getLong("id")).toList();
  }

  private void assertInvalid(Session s, JsonObject body, String field) {
    Reply reply = api.patch("/me", s.bearer(), body);
    assertEquals(400, reply.status(), body.encode() + " -> " + reply.text());
    assertTrue(reply.errorMessage().startsWith(field), reply.errorMessage());
  }
}
