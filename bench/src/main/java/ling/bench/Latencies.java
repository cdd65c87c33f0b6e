package ling.bench;

import java.util.Arrays;

/** Latencies in microseconds, recorded from one thread at a time, summarised as percentiles in ms. */
final class Latencies {

  private long[] values = new long[1024];
  private int size;

  synchronized void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  synchronized int count() {
    return size;
  }

  synchronized String summary() {
    if (size == 0) {
      return "p50=- p95=- p99=- max=-";
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return String.format("p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms",
        at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[size - 1] / 1000.0);
  }

  private static double at(long[] sorted, double quantile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1000.0;
  }
}
