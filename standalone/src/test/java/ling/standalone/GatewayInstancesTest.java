package ling.standalone;

import static ling.standalone.FriendsApiTest.nextOfType;
import static ling.standalone.FriendsApiTest.ping;
import static ling.standalone.FriendsApiTest.pingExpectingNo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone server with two gateway instances on one configured port (as it starts by
 * default): the sockets of one user land on both, and each gets every message once, its own
 * sender's after the ack; presence counts the user online until the last socket on either closes.
 */
class GatewayInstancesTest {

  private TestStack stack;
  private Api api;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    stack = TestStack.start(config -> {
      config.getJsonObject("http").put("port", port).put("instances", 2);
      config.getJsonObject("presence").put("heartbeatSeconds", 1);
    });
    api = new Api(stack.vertx, stack.port);
  }

  @AfterEach
  void stop() {
    sockets.forEach(Socket::close);
    api.close();
    stack.close();
  }

  @Test
  void socketsOnBothInstancesGetEveryMessageOnce() {
    Session alice = api.register("twin");
    Session bob = api.register("other");
    long conversation = api.befriend(alice, bob);
    List<Socket> alices = open(alice, 3);
    List<Socket> bobs = open(bob, 3);
    api.awaitOnline(alice, bob);

    for (int i = 0; i < 5; i++) {
      alices.get(0).send(new JsonObject().put("type", "send").put("clientMsgId", "twin-" + i)
          .put("conversationId", conversation).put("kind", "text").put("text", "message " + i));
    }
    // the sending socket: each ack, then that message
    for (int i = 0; i < 5; i++) {
      JsonObject ack = ackOrMessage(alices.get(0));
      assertEquals("ack", ack.getString("type"));
      assertEquals("twin-" + i, ack.getString("clientMsgId"));
      JsonObject own = ackOrMessage(alices.get(0));
      assertEquals("message " + i, own.getJsonObject("message").getString("text"));
    }
    List<Socket> all = new ArrayList<>(alices.subList(1, 3));
    all.addAll(bobs);
    for (Socket socket : all) {
      for (int i = 0; i < 5; i++) {
        assertEquals("message " + i, nextOfType(socket, "message").getJsonObject("message").getString("text"));
      }
      pingExpectingNo(socket, "message");
    }

    // two of Alice's sockets close, wherever they were: she is online while one is left
    alices.get(0).close();
    alices.get(1).close();
    sleep(2_500);
    assertTrue(api.get("/users/" + alice.id(), bob.bearer()).json().getBoolean("online"));
    alices.get(2).close();
    for (int i = 0; i < 100 && api.get("/users/" + alice.id(), bob.bearer()).json().getBoolean("online"); i++) {
      sleep(100);
    }
    assertEquals(false, api.get("/users/" + alice.id(), bob.bearer()).json().getBoolean("online"));
  }

  /** The next ack or message frame, past presence and other news. */
  private static JsonObject ackOrMessage(Socket socket) {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = socket.next();
      if ("ack".equals(frame.getString("type")) || "message".equals(frame.getString("type"))) {
        return frame;
      }
    }
    throw new AssertionError("no ack or message");
  }

  private List<Socket> open(Session user, int count) {
    List<Socket> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = Socket.connect(stack.vertx, stack.port, user.bearer());
      ping(socket);
      opened.add(socket);
      sockets.add(socket);
    }
    return opened;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
