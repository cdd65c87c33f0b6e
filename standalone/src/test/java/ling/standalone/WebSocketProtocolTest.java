package ling.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import ling.standalone.Api.Session;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket protocol as a hostile client bends it, frame by frame on a raw connection: each
 * violation ends with the close code RFC 6455 gives it, and a message merely too large gets an
 * error while the socket goes on.
 */
class WebSocketProtocolTest extends SharedStackTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A frame the server sent: its opcode and payload. */
  private record Frame(int opcode, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  @Test
  void invalidUtf8InATextFrameClosesWith1007() throws Exception {
    try (Socket socket = open()) {
      send(socket, 0x1, true, 0, "{\"type\":\"ping\",\"x\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe});
      assertEquals(1007, closeOf(socket));
    }
  }

  @Test
  void reservedBitsWithoutAnExtensionCloseWith1002() throws Exception {
    try (Socket socket = open()) {
      send(socket, 0x1, true, 0x4, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      assertEquals(1002, closeOf(socket));
    }
  }

  @Test
  void aReservedOpcodeClosesWith1002() throws Exception {
    try (Socket socket = open()) {
      send(socket, 0x3, true, 0, new byte[0]);
      assertEquals(1002, closeOf(socket));
    }
  }

  @Test
  void aFragmentedMessageOverTheLimitGetsAnErrorAndTheSocketGoesOn() throws Exception {
    try (Socket socket = open()) {
      send(socket, 0x1, false, 0, "[".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 10; i++) {
        send(socket, 0x0, false, 0, new byte[20_000]);
      }
      send(socket, 0x0, true, 0, "]".getBytes(StandardCharsets.UTF_8));
      send(socket, 0x1, true, 0, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      Frame error = next(socket);
      assertTrue(error.text().contains("\"too_large\""), error.text());
      assertEquals("{\"type\":\"pong\"}", next(socket).text());
    }
  }

  @Test
  void aFragmentedMessageWithinTheLimitIsOneMessage() throws Exception {
    try (Socket socket = open()) {
      send(socket, 0x1, false, 0, "{\"type\":".getBytes(StandardCharsets.UTF_8));
      send(socket, 0x0, false, 0, "\"pi".getBytes(StandardCharsets.UTF_8));
      // a character split across fragments is still one character
      byte[] emoji = "\"x\":\"😀\"".getBytes(StandardCharsets.UTF_8);
      send(socket, 0x0, false, 0, java.util.Arrays.copyOf(emoji, 6));
      send(socket, 0x0, true, 0, java.util.Arrays.copyOfRange(emoji, 6, emoji.length),
          ",\"y\":1}".getBytes(StandardCharsets.UTF_8));
      // {"type":"pi"x":"😀",...: not a frame type the server knows, so an error frame: but one,
      // for one message, and no 1007: the split character was put together
      Frame reply = next(socket);
      assertEquals(0x1, reply.opcode());
      assertTrue(reply.text().contains("\"error\""), reply.text());
    }
  }

  private Socket open() throws IOException {
    Session user = api.register("wsproto");
    Socket socket = new Socket("127.0.0.1", stack.port);
    socket.setSoTimeout(10_000);
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    socket.getOutputStream().write(("GET /api/v1/ws HTTP/1.1\r\nHost: ling\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
        + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: " + user.bearer() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      head.write(in.read());
    }
    assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
    return socket;
  }

  /** A masked frame, as a client must send it. */
  private static void send(Socket socket, int opcode, boolean fin, int rsv, byte[]... parts) throws IOException {
    byte[] payload = concat(parts);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    OutputStream out = socket.getOutputStream();
    out.write(frame.toByteArray());
    out.flush();
  }

  private static Frame next(Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    int first = in.readUnsignedByte();
    int length = in.readUnsignedByte() & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = (int) in.readLong();
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  /** The code of the close frame the server sends (skipping anything before it). */
  private static int closeOf(Socket socket) throws IOException {
    List<Integer> seen = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Frame frame = next(socket);
        if (frame.opcode() == 0x8) {
          return frame.closeCode();
        }
        seen.add(frame.opcode());
      }
    } catch (SocketTimeoutException | java.io.EOFException e) {
      throw new AssertionError("no close frame; frames before: " + seen, e);
    }
    throw new AssertionError("no close frame among " + seen);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
