package ling.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU each process used during a measured phase, in cores (CPU seconds per second): the
 * server, the database when its pid is given, and this load generator. On a machine whose cores
 * all three share, it says which of them bounds a run.
 */
final class CpuShare {

  private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
  private final Map<String, Duration> before = new LinkedHashMap<>();
  private long startNanos;

  CpuShare(Map<String, String> options) {
    add("server", options.get("server-pid"));
    add("db", options.get("db-pid"));
    processes.put("load", ProcessHandle.current());
  }

  private void add(String name, String pid) {
    if (pid != null && !pid.isBlank()) {
      ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> processes.put(name, p));
    }
  }

  void start() {
    processes.forEach((name, p) -> before.put(name, cpu(p)));
    startNanos = System.nanoTime();
  }

  /** "cpu-cores: server=0.71 db=0.40 load=0.76" for the time since {@link #start}. */
  String summary() {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder out = new StringBuilder("cpu-cores:");
    processes.forEach((name, p) -> out.append(String.format(" %s=%.2f", name,
        (cpu(p).minus(before.get(name)).toNanos() / 1e9) / wall)));
    return out.toString();
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }
}
