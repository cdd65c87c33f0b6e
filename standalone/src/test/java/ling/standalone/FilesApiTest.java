package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ling.standalone.FileClient.b64;
import static ling.standalone.FileClient.random;
import static ling.standalone.FileClient.sha256;
import static ling.standalone.FileClient.sha256Bytes;
import static ling.standalone.FileClient.upload;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tus uploads and downloads through the gateway, with the reference tus client and raw HTTP. */
class FilesApiTest extends SharedStackTest {

  private FileClient files;
  private HttpClient http;
  private String base;

  @BeforeEach
  void client() {
    files = new FileClient(stack.port);
    http = files.http;
    base = files.base;
  }

  @Test
  void theTusClientUploadsInChunksAndResumesFromTheServersOffset() throws Exception {
    Api.Session alice = api.register("tus");
    byte[] content = random(3 * 1024 * 1024 + 123, 1);
    TusURLMemoryStore urls = new TusURLMemoryStore();
    TusClient client = files.tusClient(alice, urls);
    TusUpload upload = upload(content, "report.bin", "application/octet-stream", "a");

    // one chunk, then the client goes away
    TusUploader first = client.createUpload(upload);
    first.setChunkSize(1024 * 1024);
    assertTrue(first.uploadChunk() > 0);
    first.finish(false);
    URL location = first.getUploadURL();
    assertEquals(1024 * 1024, files.offset(alice, location));

    // a new client with the same fingerprint resumes where the server is
    TusUploader second = files.tusClient(alice, urls).resumeUpload(upload);
    assertEquals(1024 * 1024, second.getOffset());
    second.setChunkSize(1024 * 1024);
    while (second.uploadChunk() > -1) {
      // uploading
    }
    second.finish();

    HttpResponse<Void> head = files.send(alice, "HEAD", location.toString(), Map.of(), null);
    String fileId = head.headers().firstValue("Ling-File-Id").orElseThrow();
    JsonObject info = new JsonObject(files.send(alice, "GET", base + "/files/" + fileId + "/info", Map.of(), null, true));
    assertEquals("report.bin", info.getString("name"));
    assertEquals(content.length, info.getLong("size"));
    assertEquals(sha256(content), info.getString("sha256"));
    assertEquals("application/octet-stream", info.getString("mime"));

    HttpResponse<byte[]> download = files.bytes(alice, base + "/files/" + fileId, Map.of());
    assertEquals(200, download.statusCode());
    assertArrayEquals(content, download.body());
    assertEquals("\"" + sha256(content) + "\"", download.headers().firstValue("ETag").orElseThrow());
  }

  @Test
  void rangesConditionalRequestsAndOddNames() throws Exception {
    Api.Session bob = api.register("range");
    byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
    String odd = "../\"quoted\";\u0007 名字 100%.txt";
    String fileId = files.tusUpload(bob, content, odd);

    HttpResponse<byte[]> part = files.bytes(bob, base + "/files/" + fileId, Map.of("Range", "bytes=5-9"));
    assertEquals(206, part.statusCode());
    assertEquals("56789", new String(part.body(), StandardCharsets.UTF_8));
    assertEquals("bytes 5-9/20", part.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> tail = files.bytes(bob, base + "/files/" + fileId, Map.of("Range", "bytes=-3"));
    assertEquals("hij", new String(tail.body(), StandardCharsets.UTF_8));
    assertEquals(416, files.bytes(bob, base + "/files/" + fileId, Map.of("Range", "bytes=50-60")).statusCode());

    HttpResponse<byte[]> full = files.bytes(bob, base + "/files/" + fileId, Map.of());
    String etag = full.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, files.bytes(bob, base + "/files/" + fileId, Map.of("If-None-Match", etag)).statusCode());
    assertEquals("text/plain; charset=utf-8", full.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("nosniff", full.headers().firstValue("X-Content-Type-Options").orElseThrow());

    String disposition = full.headers().firstValue("Content-Disposition").orElseThrow();
    // the quoted stand-in holds no quote, slash or control character; the exact name is percent-encoded
    String fallback = disposition.substring(disposition.indexOf("filename=\"") + 10, disposition.indexOf("\";"));
    assertTrue(fallback.chars().noneMatch(c -> c == '"' || c == '/' || c == '\\' || c < 0x20 || c > 0x7e), fallback);
    String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17);
    assertEquals(odd.strip(), java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    assertEquals(odd.strip(), new JsonObject(files.send(bob, "GET", base + "/files/" + fileId + "/info", Map.of(), null,
        true)).getString("name"));
  }

  @Test
  void limitsChecksumsAndOffsetsAreEnforced() throws Exception {
    Api.Session carol = api.register("limits");
    long max = stack.config.getJsonObject("files").getLong("maxBytes");
    assertEquals(413, files.send(carol, "POST", base + "/files/uploads",
        Map.of("Upload-Length", Long.toString(max + 1)), null).statusCode());
    assertEquals(400, files.send(carol, "POST", base + "/files/uploads", Map.of("Upload-Length", "-1"), null).statusCode());
    assertEquals(412, http.send(HttpRequest.newBuilder(URI.create(base + "/files/uploads"))
        .header("Authorization", carol.bearer()).header("Upload-Length", "5")
        .POST(BodyPublishers.noBody()).build(), BodyHandlers.discarding()).statusCode());

    String location = files.create(carol, 10);
    // a client that sends more than it declared is cut off and nothing of that request is kept
    HttpResponse<Void> lying = files.patch(carol, location, 0, new byte[20], null);
    assertEquals(413, lying.statusCode());
    assertEquals(0, files.offset(carol, new URL(location)));

    byte[] five = "hello".getBytes(StandardCharsets.UTF_8);
    // a wrong checksum: 460 and the offset stays
    assertEquals(460, files.patch(carol, location, 0, five, "sha256 " + b64(sha256Bytes("other"))).statusCode());
    assertEquals(0, files.offset(carol, new URL(location)));
    HttpResponse<Void> ok = files.patch(carol, location, 0, five, "sha256 " + b64(sha256Bytes("hello")));
    assertEquals(204, ok.statusCode());
    assertEquals("5", ok.headers().firstValue("Upload-Offset").orElseThrow());
    // the wrong offset, an unknown checksum algorithm, the wrong content type
    assertEquals(409, files.patch(carol, location, 0, five, null).statusCode());
    assertEquals(400, files.patch(carol, location, 5, five, "md5 " + b64(new byte[16])).statusCode());
    assertEquals(415, files.send(carol, "PATCH", location, Map.of("Upload-Offset", "5",
        "Content-Type", "application/json"), five).statusCode());

    // someone else's upload does not exist for a stranger, nor does the file
    Api.Session stranger = api.register("stranger");
    assertEquals(404, files.send(stranger, "HEAD", location, Map.of(), null).statusCode());
    assertEquals(404, files.patch(stranger, location, 5, five, null).statusCode());
    assertEquals(404, files.send(stranger, "DELETE", location, Map.of(), null).statusCode());
    HttpResponse<Void> done = files.patch(carol, location, 5, "world".getBytes(StandardCharsets.UTF_8), null);
    String fileId = done.headers().firstValue("Ling-File-Id").orElseThrow();
    assertEquals(404, files.bytes(stranger, base + "/files/" + fileId, Map.of()).statusCode());
    assertEquals("helloworld", new String(files.bytes(carol, base + "/files/" + fileId, Map.of()).body(),
        StandardCharsets.UTF_8));
    // without a token nothing at all
    assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/files/" + fileId)).GET().build(),
        BodyHandlers.discarding()).statusCode());

    // termination removes an unfinished upload
    String other = files.create(carol, 100);
    assertEquals(204, files.send(carol, "DELETE", other, Map.of(), null).statusCode());
    assertEquals(404, files.send(carol, "HEAD", other, Map.of(), null).statusCode());
  }

  @Test
  void theRealTypeComesFromTheBytesAndImagesGetAThumbnail() throws Exception {
    Api.Session dave = api.register("sniff");
    // an executable named like a picture is not an image
    byte[] elf = new byte[64];
    elf[0] = 0x7f;
    elf[1] = 'E';
    elf[2] = 'L';
    elf[3] = 'F';
    String exe = files.tusUpload(dave, elf, "cat.png");
    JsonObject exeInfo = files.info(dave, exe);
    assertEquals("application/x-executable", exeInfo.getString("mime"));
    assertEquals(null, exeInfo.getValue("thumbnailUrl"));

    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1000, 500,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    String picture = files.tusUpload(dave, png.toByteArray(), "wide.png");
    JsonObject info = files.info(dave, picture);
    assertEquals("image/png", info.getString("mime"));
    assertEquals(1000, info.getInteger("width"));
    assertEquals(500, info.getInteger("height"));
    HttpResponse<byte[]> thumbnail = files.bytes(dave, base + "/files/" + picture + "/thumbnail", Map.of());
    assertEquals(200, thumbnail.statusCode());
    java.awt.image.BufferedImage small = javax.imageio.ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
    assertEquals(320, small.getWidth());
    assertEquals(160, small.getHeight());

    // the same bytes again are one more file of the same content
    String again = files.tusUpload(dave, png.toByteArray(), "copy.png");
    assertEquals(info.getString("sha256"), files.info(dave, again).getString("sha256"));
    assertTrue(!again.equals(picture));
  }

  @Test
  void aFileSentInAConversationIsReadableByItsMembersOnly() throws Exception {
    Api.Session alice = api.register("sender");
    Api.Session bob = api.register("member");
    Api.Session mallory = api.register("outsider");
    long conversation = api.befriend(alice, bob);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png", png);
    String picture = files.tusUpload(alice, png.toByteArray(), "holiday.png");
    // before it is sent, only its uploader may read it
    assertEquals(404, files.bytes(bob, base + "/files/" + picture, Map.of()).statusCode());

    Api.Reply sent = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "pic-1").put("kind", "image").put("fileId", Long.parseLong(picture)));
    assertEquals(201, sent.status(), sent.text());
    JsonObject file = sent.json().getJsonObject("file");
    assertEquals("holiday.png", file.getString("name"));
    assertEquals("image/png", file.getString("mime"));
    assertEquals(40, file.getInteger("width"));
    assertEquals("/api/v1/files/" + picture + "/thumbnail", file.getString("thumbnailUrl"));
    JsonObject seenByBob = api.get("/conversations/" + conversation + "/messages", bob.bearer()).array()
        .getJsonObject(0).getJsonObject("file");
    assertEquals(file, seenByBob);

    assertEquals(200, files.bytes(bob, base + "/files/" + picture, Map.of()).statusCode());
    assertEquals(404, files.bytes(mallory, base + "/files/" + picture, Map.of()).statusCode());
    assertEquals(404, files.bytes(mallory, base + "/files/" + picture + "/info", Map.of()).statusCode());

    // a member sends it on to another conversation, whose members may then read it too
    Api.Session carol = api.register("onward");
    long onward = api.befriend(bob, carol);
    Api.Reply forwarded = api.post("/conversations/" + onward + "/messages", bob.bearer(), new JsonObject()
        .put("clientMsgId", "pic-2").put("kind", "image").put("fileId", Long.parseLong(picture)));
    assertEquals(201, forwarded.status(), forwarded.text());
    assertEquals(file, forwarded.json().getJsonObject("file"), "shown as it was");
    assertEquals(200, files.bytes(carol, base + "/files/" + picture, Map.of()).statusCode());
    // a recalled message grants nothing: its file is no longer the member's to send on
    String once = files.tusUpload(alice, png.toByteArray(), "once.png");
    Api.Reply sentOnce = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "once-1").put("kind", "image").put("fileId", Long.parseLong(once)));
    assertEquals(204, api.call(io.vertx.core.http.HttpMethod.DELETE, "/conversations/" + conversation + "/messages/"
        + sentOnce.json().getLong("id"), alice.bearer(), null).status());
    Api.Reply afterRecall = api.post("/conversations/" + onward + "/messages", bob.bearer(), new JsonObject()
        .put("clientMsgId", "once-2").put("kind", "image").put("fileId", Long.parseLong(once)));
    assertEquals(404, afterRecall.status(), afterRecall.text());
    // nobody sends a file they cannot read, or one that does not exist
    long mallorys = api.befriend(mallory, carol);
    Api.Reply borrowed = api.post("/conversations/" + mallorys + "/messages", mallory.bearer(), new JsonObject()
        .put("clientMsgId", "pic-2b").put("kind", "image").put("fileId", Long.parseLong(picture)));
    assertEquals(404, borrowed.status(), borrowed.text());
    Api.Reply missing = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "pic-3").put("kind", "file").put("fileId", 987_654_321L));
    assertEquals(404, missing.status(), missing.text());
    // an image message must carry an image
    String text = files.tusUpload(alice, "just words".getBytes(StandardCharsets.UTF_8), "notes.png");
    Api.Reply notAnImage = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "pic-4").put("kind", "image").put("fileId", Long.parseLong(text)));
    assertEquals(400, notAnImage.status(), notAnImage.text());
    Api.Reply asFile = api.post("/conversations/" + conversation + "/messages", alice.bearer(), new JsonObject()
        .put("clientMsgId", "pic-5").put("kind", "file").put("fileId", Long.parseLong(text)));
    assertEquals(201, asFile.status(), asFile.text());
  }

  @Test
  void aSmallFileGoesUpInOneMultipartRequest() throws Exception {
    Api.Session frank = api.register("avatar");
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_ARGB),
        "png", png);
    Api.Reply uploaded = api.upload("/files", frank.bearer(), "file", "me.png", png.toByteArray(), "image/png");
    assertEquals(201, uploaded.status(), uploaded.text());
    JsonObject info = uploaded.json();
    assertEquals("me.png", info.getString("name"));
    assertEquals("image/png", info.getString("mime"));
    assertEquals(64, info.getInteger("width"));
    assertArrayEquals(png.toByteArray(), files.bytes(frank, base + "/files/" + info.getLong("fileId"), Map.of()).body());

    Api.Reply noFile = api.upload("/files", frank.bearer(), "other", "me.png", png.toByteArray(), "image/png");
    assertEquals(400, noFile.status(), noFile.text());
    assertEquals("invalid_request", noFile.errorCode());
    assertEquals(401, api.upload("/files", null, "file", "me.png", png.toByteArray(), "image/png").status());
  }

  @Test
  void anAvatarIsTheUsersOwnImageAndAnyoneSignedInMayReadIt() throws Exception {
    Api.Session grace = api.register("face");
    Api.Session viewer = api.register("viewer");
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png", png);
    long avatar = api.upload("/files", grace.bearer(), "file", "face.png", png.toByteArray(), "image/png").json()
        .getLong("fileId");
    assertEquals(404, files.bytes(viewer, base + "/files/" + avatar, Map.of()).statusCode());

    // someone else's image, a file that is no image: refused, and the profile keeps no avatar
    Api.Reply borrowed = api.patch("/me", viewer.bearer(), new JsonObject().put("avatarFileId", avatar));
    assertEquals(404, borrowed.status(), borrowed.text());
    long notes = api.upload("/files", grace.bearer(), "file", "notes.png", "words".getBytes(StandardCharsets.UTF_8),
        "image/png").json().getLong("fileId");
    Api.Reply notAnImage = api.patch("/me", grace.bearer(), new JsonObject().put("avatarFileId", notes));
    assertEquals(400, notAnImage.status(), notAnImage.text());
    assertEquals(null, api.get("/me", grace.bearer()).json().getValue("avatarUrl"));

    Api.Reply set = api.patch("/me", grace.bearer(), new JsonObject().put("avatarFileId", avatar));
    assertEquals(200, set.status(), set.text());
    assertEquals("/api/v1/files/" + avatar, set.json().getString("avatarUrl"));
    assertArrayEquals(png.toByteArray(), files.bytes(viewer, base + "/files/" + avatar, Map.of()).body());

    // a group's avatar follows the same rules, for its owner or admins
    long groupPicture = api.upload("/files", grace.bearer(), "file", "team.png", png.toByteArray(), "image/png")
        .json().getLong("fileId");
    Api.Reply foreign = api.post("/groups", viewer.bearer(), new JsonObject().put("name", "borrowed").put("memberIds", new io.vertx.core.json.JsonArray())
        .put("avatarFileId", groupPicture));
    assertEquals(404, foreign.status(), foreign.text());
    Api.Reply group = api.post("/groups", grace.bearer(), new JsonObject().put("name", "team").put("memberIds", new io.vertx.core.json.JsonArray())
        .put("avatarFileId", groupPicture));
    assertEquals(201, group.status(), group.text());
    assertEquals(200, files.bytes(viewer, base + "/files/" + groupPicture, Map.of()).statusCode());
    Api.Reply textAvatar = api.patch("/groups/" + group.json().getLong("id"), grace.bearer(),
        new JsonObject().put("avatarFileId", notes));
    assertEquals(400, textAvatar.status(), textAvatar.text());
  }
}
