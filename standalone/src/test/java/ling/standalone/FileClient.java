package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/** Uploads and downloads through one gateway, with the reference tus client and raw HTTP. */
final class FileClient {

  final HttpClient http = HttpClient.newHttpClient();
  final String base;

  FileClient(int port) {
    this.base = "http://127.0.0.1:" + port + "/api/v1";
  }


  TusClient tusClient(Api.Session user, TusURLMemoryStore urls) throws Exception {
    TusClient client = new TusClient();
    client.setUploadCreationURL(new URL(base + "/files/uploads"));
    client.setHeaders(Map.of("Authorization", user.bearer()));
    client.enableResuming(urls);
    return client;
  }

  static TusUpload upload(byte[] content, String name, String type, String fingerprint) {
    TusUpload upload = new TusUpload();
    upload.setInputStream(new ByteArrayInputStream(content));
    upload.setSize(content.length);
    upload.setFingerprint(fingerprint + "-" + Arrays.hashCode(content));
    upload.setMetadata(Map.of("filename", name, "filetype", type));
    return upload;
  }

  /** The whole upload with the tus client; returns the file id. */
  String tusUpload(Api.Session user, byte[] content, String name) throws Exception {
    TusUploader uploader = tusClient(user, new TusURLMemoryStore()).createUpload(upload(content, name,
        "application/octet-stream", name));
    while (uploader.uploadChunk() > -1) {
      // uploading
    }
    uploader.finish();
    return send(user, "HEAD", uploader.getUploadURL().toString(), Map.of(), null).headers()
        .firstValue("Ling-File-Id").orElseThrow();
  }

  JsonObject info(Api.Session user, String fileId) throws Exception {
    return new JsonObject(send(user, "GET", base + "/files/" + fileId + "/info", Map.of(), null, true));
  }

  String create(Api.Session user, long length) throws Exception {
    HttpResponse<Void> created = send(user, "POST", base + "/files/uploads", Map.of("Upload-Length",
        Long.toString(length), "Upload-Metadata", "filename " + b64("x.bin".getBytes(StandardCharsets.UTF_8))), null);
    assertEquals(201, created.statusCode());
    String location = created.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith("/api/v1/files/uploads/"), location);
    return base.substring(0, base.length() - "/api/v1".length()) + location;
  }

  long offset(Api.Session user, URL location) throws Exception {
    HttpResponse<Void> head = send(user, "HEAD", location.toString(), Map.of(), null);
    assertEquals(200, head.statusCode());
    return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
  }

  HttpResponse<Void> patch(Api.Session user, String location, long offset, byte[] body, String checksum)
      throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(Map.of("Upload-Offset", Long.toString(offset),
        "Content-Type", "application/offset+octet-stream"));
    if (checksum != null) {
      headers.put("Upload-Checksum", checksum);
    }
    return send(user, "PATCH", location, headers, body);
  }

  HttpResponse<Void> send(Api.Session user, String method, String url, Map<String, String> headers,
                                  byte[] body) throws Exception {
    return http.send(request(user, method, url, headers, body), BodyHandlers.discarding());
  }

  String send(Api.Session user, String method, String url, Map<String, String> headers, byte[] body,
                      boolean expectOk) throws Exception {
    HttpResponse<String> response = http.send(request(user, method, url, headers, body), BodyHandlers.ofString());
    if (expectOk) {
      assertEquals(200, response.statusCode(), response.body());
    }
    return response.body();
  }

  HttpResponse<byte[]> bytes(Api.Session user, String url, Map<String, String> headers) throws Exception {
    return http.send(request(user, "GET", url, headers, null), BodyHandlers.ofByteArray());
  }

  static HttpRequest request(Api.Session user, String method, String url, Map<String, String> headers,
                                     byte[] body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", user.bearer())
        .header("Tus-Resumable", "1.0.0")
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    headers.forEach(builder::header);
    return builder.build();
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  static byte[] sha256Bytes(String text) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
