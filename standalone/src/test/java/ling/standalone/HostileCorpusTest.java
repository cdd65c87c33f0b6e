package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/**
 * Replays a corpus of malformed and hostile HTTP requests ({@code hostile/http-cases.txt}) against
 * one server, on raw connections: none is answered with a 5xx, every refusal has the contract's
 * error body, and the server serves on afterwards.
 */
class HostileCorpusTest extends SharedStackTest {

  private record Case(String method, String path, String contentType, boolean auth, String body) {
    @Override
    public String toString() {
      return method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path);
    }
  }

  @Test
  void noHostileRequestGetsA5xxOrABodyOutsideTheContract() throws Exception {
    Session user = api.register("corpus");
    List<Case> cases = corpus();
    assertTrue(cases.size() >= 50, "the corpus is there: " + cases.size());
    List<String> problems = new ArrayList<>();
    for (Case c : cases) {
      String response = exchange(c, user);
      int status = response.length() >= 12 ? Integer.parseInt(response.substring(9, 12)) : -1;
      if (status < 100 || status >= 500) {
        problems.add(c + " → " + (status < 0 ? "no answer" : status) + " " + head(response));
        continue;
      }
      if (status >= 400 && !c.method().equals("HEAD")) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        try {
          String code = new JsonObject(body).getJsonObject("error").getString("code");
          if (code == null || code.isBlank()) {
            problems.add(c + " → " + status + " without an error code: " + body);
          }
        } catch (RuntimeException e) {
          problems.add(c + " → " + status + " with a body outside the contract: " + head(body));
        }
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(200, api.get("/health", null).status());
    assertEquals(200, api.get("/me", user.bearer()).status());
  }

  private static String head(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private String exchange(Case c, Session user) throws Exception {
    byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(c.method()).append(' ').append(c.path())
        .append(" HTTP/1.1\r\nHost: ling\r\nConnection: close\r\n");
    if (c.auth()) {
      request.append("Authorization: ").append(user.bearer()).append("\r\n");
    }
    if (!"-".equals(c.contentType())) {
      request.append("Content-Type: ").append(c.contentType()).append("\r\n");
    }
    if (body.length > 0 || List.of("POST", "PATCH", "PUT").contains(c.method())) {
      request.append("Content-Length: ").append(body.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", stack.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
      try {
        socket.getOutputStream().write(body);
      } catch (java.io.IOException refusedEarly) {
        // answered (and closed) before the whole body was taken: the answer is what counts
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          response.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what came is the answer
      }
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  private static List<Case> corpus() throws Exception {
    String text;
    try (InputStream in = Objects.requireNonNull(HostileCorpusTest.class.getResourceAsStream("/hostile/http-cases.txt"))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank() || lines[i].startsWith("#")) {
        i++;
        continue;
      }
      String[] request = lines[i].split(" ", 2);
      String contentType = lines[i + 1];
      boolean auth = lines[i + 2].equals("yes");
      StringBuilder body = new StringBuilder();
      int j = i + 3;
      for (; !lines[j].equals("===="); j++) {
        body.append(body.length() > 0 ? "\n" : "").append(lines[j]);
      }
      cases.add(new Case(request[0], request[1], contentType, auth, body.toString()));
      i = j + 1;
    }
    return cases;
  }
}
