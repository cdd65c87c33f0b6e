package ling.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStatementsTest {

  @Test
  void aBatchUpToTheExactLimitIsOneInsertOfItsSize() {
    assertEquals(List.of(1), BatchStatements.chunks(1));
    assertEquals(List.of(11), BatchStatements.chunks(11));
    assertEquals(List.of(32), BatchStatements.chunks(32));
  }

  @Test
  void aLargerBatchIsCutIntoPowersOfTwoAndARemainder() {
    assertEquals(List.of(32, 13), BatchStatements.chunks(45));
    assertEquals(List.of(256, 32, 12), BatchStatements.chunks(300));
    assertEquals(List.of(256, 256, 256, 32), BatchStatements.chunks(800));
  }

  @Test
  void anInsertHasElevenParametersPerRow() {
    for (int rows : List.of(1, 7, 32, 256)) {
      assertEquals(11 * rows, BatchStatements.insert(rows).chars().filter(c -> c == '?').count());
    }
  }

  @Test
  void aDerivedTableIsPaddedToAPowerOfTwo() {
    assertEquals(1, BatchStatements.bucket(1));
    assertEquals(8, BatchStatements.bucket(5));
    assertEquals(8, BatchStatements.bucket(8));
    assertEquals(16, BatchStatements.bucket(9));
  }
}
