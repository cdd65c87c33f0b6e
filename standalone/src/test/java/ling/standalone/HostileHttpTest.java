package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import ling.standalone.Api.Reply;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/**
 * Malformed HTTP from outside: every refusal is the contract's JSON error, never a 500, an HTML
 * page or a bare status line, and the server serves on afterwards.
 */
class HostileHttpTest extends SharedStackTest {

  @Test
  void badPercentEscapesAreTheCallersError() {
    Session s = api.register("escapes");
    for (String path : new String[] {"/users/%zz", "/groups/%", "/files/%zz", "/files/1%2", "/friends/%c3%"}) {
      assertInvalid(api.get(path, s.bearer()), path);
    }
    assertInvalid(api.get("/conversations/1/messages?afterSeq=%zz", s.bearer()), "query");
    assertInvalid(api.get("/users/search?q=%", s.bearer()), "query");
    assertEquals(200, api.get("/health", null).status());
  }

  @Test
  void whatNoRouteServesAnswersInTheContractsTerms() {
    Session s = api.register("noroute");
    Reply filesystem = api.get("/filesystem", s.bearer());
    assertEquals(404, filesystem.status());
    assertEquals("not_found", filesystem.errorCode());
    Reply put = api.call(HttpMethod.PUT, "/files/1", s.bearer(), new JsonObject());
    assertEquals(405, put.status(), put.text());
    assertEquals("method_not_allowed", put.errorCode());
  }

  @Test
  void whatTheHttpDecoderRefusesHasTheErrorBodyToo() throws Exception {
    String longLine = "GET /api/v1/users/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: ling\r\n\r\n";
    assertRefused(longLine, 414, "too_large");
    String bigHeader = "GET /api/v1/health HTTP/1.1\r\nHost: ling\r\nX-Big: " + "b".repeat(9_000) + "\r\n\r\n";
    assertRefused(bigHeader, 431, "too_large");
    assertRefused("GARBAGE\r\n\r\n", 400, "invalid_request");
    assertEquals(200, api.get("/health", null).status());
  }

  private static void assertInvalid(Reply reply, String what) {
    assertEquals(400, reply.status(), what + ": " + reply.text());
    assertEquals("invalid_request", reply.errorCode(), what);
  }

  private void assertRefused(String request, int status, String code) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", stack.port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      try {
        for (int c; (c = in.read()) != -1; ) {
          response.write(c);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the connection stayed open after: " + response);
      }
      String text = response.toString(StandardCharsets.UTF_8);
      assertTrue(text.startsWith("HTTP/1.") && text.substring(9, 12).equals(Integer.toString(status)), text);
      JsonObject body = new JsonObject(text.substring(text.indexOf("\r\n\r\n") + 4));
      assertEquals(code, body.getJsonObject("error").getString("code"), text);
    }
  }
}
