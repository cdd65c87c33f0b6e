package ling.common.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consistent hashing of keys (conversation ids) onto members (chat-service instances): each member
 * stands at {@link #POINTS} places on a ring of 64-bit hashes and a key belongs to the first member
 * at or after its own hash. Members joining or leaving move only about 1/N of the keys, and every
 * process that knows the same members computes the same owner, with nothing to coordinate.
 */
public final class HashRing {

  /** Places per member: enough that members' shares stay within a few per cent of each other. */
  static final int POINTS = 160;

  private final TreeMap<Long, String> ring = new TreeMap<>();

  public HashRing(List<String> members) {
    for (String member : members) {
      long base = fnv1a(member.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < POINTS; i++) {
        ring.putIfAbsent(mix(base + i * 0x9E3779B97F4A7C15L), member);
      }
    }
  }

  /** The member the key belongs to; null on an empty ring. */
  public String owner(long key) {
    if (ring.isEmpty()) {
      return null;
    }
    Map.Entry<Long, String> at = ring.ceilingEntry(mix(key));
    return (at != null ? at : ring.firstEntry()).getValue();
  }

  /** 64-bit FNV-1a: stable across processes and Java versions, unlike a String's hashCode contract. */
  private static long fnv1a(byte[] bytes) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** MurmurHash3's finaliser: spreads neighbouring ids (1, 2, 3…) over the whole ring. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
