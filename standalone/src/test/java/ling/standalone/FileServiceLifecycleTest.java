package ling.standalone;

import static ling.standalone.FileClient.random;
import static ling.standalone.FileClient.sha256;
import static ling.standalone.FileClient.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The file service restarting under an unfinished upload, and unfinished uploads expiring. */
class FileServiceLifecycleTest {

  private TestStack stack;
  private Api api;
  private FileClient files;

  private void start(java.util.function.Consumer<JsonObject> fileSettings) {
    stack = TestStack.start(config -> fileSettings.accept(config.getJsonObject("files")));
    api = new Api(stack.vertx, stack.port);
    files = new FileClient(stack.port);
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aFileOfTheLimitCutMidRequestResumesAfterTheFileServiceRestartsAndReachesOnlyMembers() throws Exception {
    // the same address after the restart: the gateway has to notice the new token, not just a refused connection
    int internalPort = freePort();
    start(files -> files.put("internalPort", internalPort));
    Api.Session alice = api.register("restart");
    Api.Session bob = api.register("receiver");
    Api.Session stranger = api.register("stranger");
    long conversation = api.befriend(alice, bob);
    // a file of exactly the limit, which is the most that may go up
    byte[] content = random(Math.toIntExact(stack.config.getJsonObject("files").getLong("maxBytes")), 3);
    TusURLMemoryStore urls = new TusURLMemoryStore();
    TusUpload upload = upload(content, "cut.bin", "application/octet-stream", "cut");
    URL location = files.tusClient(alice, urls).createUpload(upload).getUploadURL();

    // the whole file announced in one PATCH, the connection dropped after some of it
    int sent = 700 * 1024;
    try (Socket socket = new Socket("127.0.0.1", stack.port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("PATCH " + location.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + alice.bearer()
          + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
          + "\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(content, 0, sent);
      out.flush();
      eventually(() -> files.offset(alice, location) > 0);
      socket.setSoLinger(true, 0);
    }
    // once the cut is handled the upload takes requests again: an empty PATCH at its offset
    long[] kept = {-1};
    eventually(() -> {
      long offset = files.offset(alice, location);
      HttpResponse<Void> empty = files.send(alice, "PATCH", location.toString(), Map.of("Upload-Offset",
          Long.toString(offset), "Content-Type", "application/offset+octet-stream"), new byte[0]);
      kept[0] = offset;
      return empty.statusCode() == 204;
    });
    assertTrue(kept[0] > 0 && kept[0] <= sent, "kept " + kept[0] + " of " + sent + " bytes sent");

    stack.restartFileService();

    TusUploader resumed = files.tusClient(alice, urls).resumeUpload(upload);
    assertEquals(kept[0], resumed.getOffset());
    resumed.setChunkSize(4 * 1024 * 1024);
    resumed.setRequestPayloadSize(10 * 1024 * 1024);
    while (resumed.uploadChunk() > -1) {
      // uploading the rest
    }
    resumed.finish();
    String fileId = files.send(alice, "HEAD", location.toString(), Map.of(), null).headers()
        .firstValue("Ling-File-Id").orElseThrow();
    assertEquals(sha256(content), files.info(alice, fileId).getString("sha256"));

    Api.Reply message = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "cut-1").put("kind", "file").put("fileId", Long.parseLong(fileId)));
    assertEquals(201, message.status(), message.text());
    HttpResponse<byte[]> download = files.bytes(bob, files.base + "/files/" + fileId, Map.of());
    assertEquals(200, download.statusCode());
    assertArrayEquals(content, download.body());
    assertEquals(404, files.bytes(stranger, files.base + "/files/" + fileId, Map.of()).statusCode());
  }

  @Test
  void unfinishedUploadsExpireAndTheSweeperRemovesTheirBytes() throws Exception {
    start(files -> files.put("uploadExpirySeconds", 2).put("sweepSeconds", 1));
    Api.Session carol = api.register("expiry");
    Instant before = Instant.now().minusSeconds(1);
    String location = files.create(carol, 100);
    HttpResponse<Void> part = files.patch(carol, location, 0, new byte[40], null);
    assertEquals(204, part.statusCode());
    Instant expires = ZonedDateTime.parse(part.headers().firstValue("Upload-Expires").orElseThrow(),
        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertTrue(!expires.isBefore(before.plusSeconds(2)) && expires.isBefore(Instant.now().plusSeconds(3)),
        "expires at " + expires);
    Path partial = Path.of(stack.config.getString("dataDir"), "files", "uploads",
        location.substring(location.lastIndexOf('/') + 1));
    assertEquals(40, Files.size(partial));
    // a finished upload's file stays when its upload expires
    String finished = files.tusUpload(carol, "kept".getBytes(StandardCharsets.UTF_8), "kept.txt");

    eventually(() -> !Files.exists(partial));
    assertEquals(404, files.send(carol, "HEAD", location, Map.of(), null).statusCode());
    assertEquals(404, files.patch(carol, location, 40, new byte[10], null).statusCode());
    assertFalse(Files.exists(partial));
    assertEquals("kept", new String(files.bytes(carol, files.base + "/files/" + finished, Map.of()).body(),
        StandardCharsets.UTF_8));
  }

  // ---- helpers

  /** Polls for up to 20 s: what the server does after a cut or on a timer has no event to wait for. */
  private static void eventually(ThrowingCondition condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 20 s");
      }
      Thread.sleep(100);
    }
  }

  private interface ThrowingCondition {
    boolean holds() throws Exception;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
