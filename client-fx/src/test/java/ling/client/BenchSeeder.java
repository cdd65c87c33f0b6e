package ling.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills a conversation for {@link ClientBench}, in a process of its own so that what it sends and
 * draws is not counted in the memory of the client being measured:
 * {@code BenchSeeder <api base> <token> <conversation> texts|pictures <count> [<distinct pictures>]}.
 */
public final class BenchSeeder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  private BenchSeeder(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    BenchSeeder seeder = new BenchSeeder(args[0], args[1]);
    long conversation = Long.parseLong(args[2]);
    int count = Integer.parseInt(args[4]);
    if ("texts".equals(args[3])) {
      seeder.sendTexts(conversation, count);
    } else {
      seeder.sendPictures(conversation, count, Integer.parseInt(args[5]));
    }
    System.exit(0);
  }

  /** Texts over a socket, up to 150 waiting for their acks at a time (the server takes 200). */
  private void sendTexts(long conversation, int count) throws Exception {
    send(count, i -> JSON.createObjectNode().put("type", "send").put("clientMsgId", "t" + i)
        .put("conversationId", conversation).put("kind", "text")
        .put("text", "message " + (i + 1) + " of the long conversation, long enough to wrap like a real one does"));
  }

  private void sendPictures(long conversation, int count, int distinct) throws Exception {
    List<Long> fileIds = new ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < distinct; i++) {
      java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(640, 480,
          java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = picture.createGraphics();
      g.setColor(new java.awt.Color(random.nextInt(0xffffff)));
      g.fillRect(0, 0, 640, 480);
      for (int k = 0; k < 12; k++) {
        g.setColor(new java.awt.Color(random.nextInt(0xffffff)));
        g.fillOval(random.nextInt(600), random.nextInt(440), 40 + random.nextInt(200), 40 + random.nextInt(200));
      }
      g.dispose();
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(picture, "png", png);
      fileIds.add(upload("picture-" + i + ".png", png.toByteArray()));
    }
    send(count, i -> JSON.createObjectNode().put("type", "send").put("clientMsgId", "p" + i)
        .put("conversationId", conversation).put("kind", "image").put("fileId", fileIds.get(i % fileIds.size())));
  }

  private void send(int count, java.util.function.IntFunction<ObjectNode> frame) throws Exception {
    Semaphore window = new Semaphore(150);
    AtomicInteger acked = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "ws?access_token="
        + token), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              String message = text.toString();
              text.setLength(0);
              if (message.contains("\"type\":\"ack\"")) {
                window.release();
                if (acked.incrementAndGet() == count) {
                  done.complete(null);
                }
              } else if (message.contains("\"type\":\"error\"")) {
                done.completeExceptionally(new AssertionError(message));
              }
            }
            ws.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < count; i++) {
      window.acquire();
      socket.sendText(frame.apply(i).toString(), true).get(30, TimeUnit.SECONDS);
    }
    done.get(10, TimeUnit.MINUTES);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  private long upload(String name, byte[] content) throws Exception {
    String boundary = "ling" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "files"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new AssertionError("upload: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).path("fileId").asLong();
  }
}
