package ling.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashRingTest {

  private static final int KEYS = 100_000;

  @Test
  void everyProcessComputesTheSameOwnerWhateverTheOrderOfMembers() {
    HashRing one = new HashRing(List.of("node-a/1", "node-b/1", "node-c/1"));
    HashRing other = new HashRing(List.of("node-c/1", "node-a/1", "node-b/1"));
    for (long key = 1; key <= 10_000; key++) {
      assertEquals(one.owner(key), other.owner(key));
    }
  }

  @Test
  void membersShareTheKeysEvenly() {
    HashRing ring = new HashRing(List.of("a", "b", "c", "d"));
    Map<String, Integer> shares = new HashMap<>();
    for (long key = 1; key <= KEYS; key++) {
      shares.merge(ring.owner(key), 1, Integer::sum);
    }
    assertEquals(4, shares.size());
    shares.values().forEach(share -> assertTrue(Math.abs(share - KEYS / 4) < KEYS / 4 * 0.2, shares.toString()));
  }

  @Test
  void aMemberLeavingMovesOnlyItsOwnKeysAndAJoinerTakesAFairShare() {
    HashRing three = new HashRing(List.of("a", "b", "c"));
    HashRing two = new HashRing(List.of("a", "b"));
    HashRing four = new HashRing(List.of("a", "b", "c", "d"));
    int movedToD = 0;
    for (long key = 1; key <= KEYS; key++) {
      String before = three.owner(key);
      if (!before.equals("c")) {
        assertEquals(before, two.owner(key), "a key of a surviving member stays where it was");
      }
      String after = four.owner(key);
      if (!after.equals(before)) {
        assertEquals("d", after, "keys only move to the joiner");
        movedToD++;
      }
    }
    assertTrue(Math.abs(movedToD - KEYS / 4) < KEYS / 4 * 0.2, "moved " + movedToD);
  }

  @Test
  void anEmptyRingHasNoOwner() {
    assertNull(new HashRing(List.of()).owner(42));
    assertEquals("solo", new HashRing(List.of("solo")).owner(42));
  }
}
