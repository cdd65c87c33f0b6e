package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/**
 * Text that is not what it looks like: lone surrogates are refused everywhere (the database would
 * keep '?'), invisible and bidirectional controls are refused in file names and removed from
 * names others see, and a text that shows nothing is refused. Bodies are written by hand, since a
 * JSON encoder would not let a lone surrogate through.
 */
class UnicodeInputTest extends SharedStackTest {

  @Test
  void loneSurrogatesAreRefused() {
    Session alice = api.register("surrogate");
    assertInvalid(api.patch("/me", alice.bearer(), raw("{\"displayName\":\"Al\\ud800ice\"}")), "displayName");
    Session bob = api.register("surrogate-b");
    long conversation = api.befriend(alice, bob);
    assertInvalid(api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        raw("{\"clientMsgId\":\"s-1\",\"kind\":\"text\",\"text\":\"hi \\udc00\"}")), "text");
    // a proper pair is a character like any other
    Reply emoji = api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        raw("{\"clientMsgId\":\"s-2\",\"kind\":\"text\",\"text\":\"\\ud83d\\ude00 \\ud83d\\udc68\\u200d\\ud83d\\udc69\\u200d\\ud83d\\udc67\"}"));
    assertEquals(201, emoji.status(), emoji.text());
    assertEquals("😀 👨‍👩‍👧", emoji.json().getString("text"));
  }

  @Test
  void namesOthersSeeLoseTheirInvisibleControls() {
    Session alice = api.register("bidi");
    Reply patched = api.patch("/me", alice.bearer(), raw("{\"displayName\":\"admin\\u202e\\u200bnimda\\ufeff\"}"));
    assertEquals(200, patched.status(), patched.text());
    assertEquals("adminnimda", patched.json().getString("displayName"));
    assertInvalid(api.patch("/me", alice.bearer(), raw("{\"displayName\":\"\\u200b\\u2060\\u3164\"}")), "displayName");

    Session bob = api.register("bidi-b");
    api.befriend(alice, bob);
    Reply group = api.post("/groups", alice.bearer(), raw("{\"name\":\"team\\u202e\\u2066x\",\"memberIds\":["
        + bob.id() + "]}"));
    assertEquals(201, group.status(), group.text());
    assertEquals("teamx", group.json().getString("name"));
    Reply folder = api.post("/friend-groups", alice.bearer(), raw("{\"name\":\"\\u202dwork\"}"));
    assertEquals(201, folder.status(), folder.text());
    assertEquals("work", folder.json().getString("name"));
  }

  @Test
  void aMessageThatShowsNothingIsRefused() {
    Session alice = api.register("invisible");
    Session bob = api.register("invisible-b");
    long conversation = api.befriend(alice, bob);
    assertInvalid(api.post("/conversations/" + conversation + "/messages", alice.bearer(),
        raw("{\"clientMsgId\":\"i-1\",\"kind\":\"text\",\"text\":\"\\u200b\\u200d\\ufeff\"}")), "text");
  }

  @Test
  void fileNamesWithInvisibleControlsAreRefused() throws Exception {
    Session alice = api.register("rlo");
    FileClient files = new FileClient(stack.port);
    for (String name : new String[] {"photo\u202egpj.exe", "a\u200bb.txt", "\ufeffbom.txt"}) {
      HttpResponse<Void> created = files.send(alice, "POST", files.base + "/files/uploads", Map.of("Upload-Length", "10",
          "Upload-Metadata", "filename " + FileClient.b64(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))), null);
      assertEquals(400, created.statusCode(), name);
    }
    assertEquals(400, api.upload("/files", alice.bearer(), "file", "x\u202etxt.exe", new byte[] {1, 2, 3},
        "application/octet-stream").status());
  }

  private static Buffer raw(String json) {
    return Buffer.buffer(json);
  }

  private static void assertInvalid(Reply reply, String field) {
    assertEquals(400, reply.status(), reply.text());
    assertEquals("invalid_request", reply.errorCode());
    assertEquals(true, reply.json().getJsonObject("error").getString("message").startsWith(field), reply.text());
  }
}
