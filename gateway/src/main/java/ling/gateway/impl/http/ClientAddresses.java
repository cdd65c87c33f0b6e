package ling.gateway.impl.http;

import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Whose request it is, for the per-address limits. Behind a reverse proxy every connection comes
 * from the proxy, so for peers in {@code http.trustedProxies} (comma-separated addresses or CIDR
 * ranges) the address that proxy appended last to {@code X-Forwarded-For} counts; anyone else's
 * header is ignored, so a client cannot pick its own address.
 */
final class ClientAddresses {

  private record Range(byte[] network, int prefix) {

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int bits = address.length * 8;
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
      return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
    }
  }

  private final List<Range> trusted;

  ClientAddresses(String trustedProxies) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : (trustedProxies == null ? "" : trustedProxies).split(",")) {
      String cidr = entry.strip();
      if (!cidr.isEmpty()) {
        ranges.add(parse(cidr));
      }
    }
    this.trusted = List.copyOf(ranges);
  }

  private static Range parse(String cidr) {
    int slash = cidr.indexOf('/');
    String host = slash < 0 ? cidr : cidr.substring(0, slash);
    byte[] network = NetUtil.createByteArrayFromIpAddressString(host);
    if (network == null) {
      throw new IllegalArgumentException("http.trustedProxies: '" + cidr + "' is not an address or CIDR range");
    }
    int prefix = network.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("http.trustedProxies: '" + cidr + "' has no valid prefix length");
      }
    }
    return new Range(network, prefix);
  }

  String of(RoutingContext ctx) {
    var remote = ctx.request().connection().remoteAddress();
    String peer = remote == null ? "unknown" : remote.hostAddress();
    if (!isTrustedPeer(peer)) {
      return peer;
    }
    List<String> forwarded = ctx.request().headers().getAll("X-Forwarded-For");
    if (forwarded.isEmpty()) {
      return peer;
    }
    String[] hops = forwarded.get(forwarded.size() - 1).split(",");
    String client = hops[hops.length - 1].strip();
    // only a literal address counts: never a name to look up
    return NetUtil.isValidIpV4Address(client) || NetUtil.isValidIpV6Address(client) ? client : peer;
  }

  /** Whether a connection from this address comes from a proxy in {@code http.trustedProxies}. */
  boolean isTrustedPeer(String peer) {
    if (trusted.isEmpty()) {
      return false;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(peer);
    return address != null && trusted.stream().anyMatch(range -> range.contains(address));
  }

  @Override
  public String toString() {
    return Arrays.toString(trusted.toArray());
  }
}
