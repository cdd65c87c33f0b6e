package ling.standalone;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of TURN over UDP (RFC 5766, long-term credentials of RFC 5389) to check a server:
 * an allocation, and a permission for a peer. Each client is one 5-tuple, so one allocation.
 */
final class TurnClient implements AutoCloseable {

  static final int ALLOCATE = 0x0003;
  static final int CREATE_PERMISSION = 0x0008;
  private static final int MAGIC = 0x2112A442;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int XOR_PEER_ADDRESS = 0x0012;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int XOR_RELAYED_ADDRESS = 0x0016;
  private static final int REQUESTED_TRANSPORT = 0x0019;

  /** A response: success or error, its error code (0 on success) and its attributes. */
  record Response(boolean success, int errorCode, Map<Integer, byte[]> attributes) {

    InetSocketAddress relayedAddress() {
      byte[] value = attributes.get(XOR_RELAYED_ADDRESS);
      if (value == null) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(value);
      b.get();
      b.get();
      int port = (b.getShort() & 0xffff) ^ (MAGIC >>> 16);
      byte[] address = new byte[4];
      int xored = b.getInt() ^ MAGIC;
      ByteBuffer.wrap(address).putInt(xored);
      try {
        return new InetSocketAddress(InetAddress.getByAddress(address), port);
      } catch (java.net.UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final DatagramSocket socket;
  private final InetSocketAddress server;
  private final SecureRandom random = new SecureRandom();
  private String realm;
  private byte[] nonce;
  private int challengeCode;

  TurnClient(String host, int port) throws Exception {
    this.server = new InetSocketAddress(host, port);
    this.socket = new DatagramSocket();
    socket.setSoTimeout(3_000);
  }

  /** An allocation for UDP relaying with the given credentials (the first, unauthenticated try learns realm and nonce). */
  Response allocate(String username, String password) throws Exception {
    byte[] transport = {17, 0, 0, 0};
    Response challenge = request(ALLOCATE, Map.of(REQUESTED_TRANSPORT, transport), null, null);
    challengeCode = challenge.errorCode();
    if (challenge.success() || challenge.errorCode() != 401) {
      return challenge;
    }
    realm = new String(challenge.attributes().get(REALM), StandardCharsets.UTF_8);
    nonce = challenge.attributes().get(NONCE);
    return request(ALLOCATE, Map.of(REQUESTED_TRANSPORT, transport), username, password);
  }

  /** The error code that answered the allocation without credentials (0 if it was granted). */
  int challengeCode() {
    return challengeCode;
  }

  /** A permission for the allocation made before to send to and hear from a peer's address. */
  Response createPermission(String username, String password, String peerIPv4) throws Exception {
    byte[] peer = new byte[8];
    ByteBuffer b = ByteBuffer.wrap(peer);
    b.put((byte) 0).put((byte) 1).putShort((short) (5000 ^ (MAGIC >>> 16)));
    b.putInt(ByteBuffer.wrap(InetAddress.getByName(peerIPv4).getAddress()).getInt() ^ MAGIC);
    return request(CREATE_PERMISSION, Map.of(XOR_PEER_ADDRESS, peer), username, password);
  }

  private Response request(int method, Map<Integer, byte[]> attributes, String username, String password)
      throws Exception {
    byte[] transaction = new byte[12];
    random.nextBytes(transaction);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    attributes.forEach((type, value) -> attribute(body, type, value));
    if (username != null) {
      attribute(body, USERNAME, username.getBytes(StandardCharsets.UTF_8));
      attribute(body, REALM, realm.getBytes(StandardCharsets.UTF_8));
      attribute(body, NONCE, nonce);
      // the integrity covers the header with a length that already counts its own attribute
      byte[] head = header(method, body.size() + 24, transaction);
      byte[] key = MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(head);
      attribute(body, MESSAGE_INTEGRITY, mac.doFinal(body.toByteArray()));
    }
    byte[] message = ByteBuffer.allocate(20 + body.size()).put(header(method, body.size(), transaction))
        .put(body.toByteArray()).array();
    socket.send(new DatagramPacket(message, message.length, server));
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return parse(ByteBuffer.wrap(buffer, 0, packet.getLength()), method);
  }

  private static Response parse(ByteBuffer in, int method) {
    int type = in.getShort() & 0xffff;
    int length = in.getShort() & 0xffff;
    in.getInt();
    in.position(in.position() + 12);
    Map<Integer, byte[]> attributes = new HashMap<>();
    int end = in.position() + length;
    while (in.position() + 4 <= end) {
      int attributeType = in.getShort() & 0xffff;
      int attributeLength = in.getShort() & 0xffff;
      byte[] value = new byte[attributeLength];
      in.get(value);
      in.position(in.position() + ((4 - attributeLength % 4) % 4));
      attributes.put(attributeType, value);
    }
    boolean success = type == (method | 0x0100);
    if (!success && type != (method | 0x0110)) {
      throw new AssertionError("not an answer to method " + method + ": type " + Integer.toHexString(type));
    }
    int errorCode = 0;
    byte[] error = attributes.get(ERROR_CODE);
    if (error != null) {
      errorCode = (error[2] & 0x7) * 100 + (error[3] & 0xff);
    }
    return new Response(success, errorCode, attributes);
  }

  private static byte[] header(int method, int length, byte[] transaction) {
    return ByteBuffer.allocate(20).putShort((short) method).putShort((short) length).putInt(MAGIC)
        .put(transaction).array();
  }

  private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
    out.write(type >>> 8);
    out.write(type);
    out.write(value.length >>> 8);
    out.write(value.length);
    out.write(value, 0, value.length);
    for (int i = value.length; i % 4 != 0; i++) {
      out.write(0);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
