package ling.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU each process used during a measured phase, in cores (CPU seconds per second): the
 * server, the database when its pid is given, and this load generator. On a machine whose cores
 * all three share, it says which of them bounds a run. With the database's address it also
 * counts the statements and commits the phase took ({@code SHOW GLOBAL STATUS}).
 */
final class CpuShare {

  private final Map<String, ProcessHandle> processes = new LinkedHashMap<>();
  private final Map<String, Duration> before = new LinkedHashMap<>();
  private long startNanos;
  private final io.vertx.sqlclient.Pool db;
  private Map<String, Long> countersBefore = Map.of();

  CpuShare(io.vertx.core.Vertx vertx, Map<String, String> options) {
    db = options.containsKey("db") ? Bench.pool(vertx, options.get("db")) : null;
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
    countersBefore = counters();
    processes.forEach((name, p) -> before.put(name, cpu(p)));
    startNanos = System.nanoTime();
  }

  /** Statements executed (prepared and plain), commits and log writes so far; empty without a database. */
  private Map<String, Long> counters() {
    if (db == null) {
      return Map.of();
    }
    Map<String, Long> values = new LinkedHashMap<>();
    db.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_stmt_execute', 'Com_commit', 'Questions', "
        + "'Innodb_log_writes')").execute().await()
        .forEach(row -> values.put(row.getString(0), Long.parseLong(row.getString(1))));
    return values;
  }

  /** " db-per-message: statements=0.61 commits=0.09" over {@code messages}, or empty. */
  String databaseWork(long messages) {
    if (db == null) {
      return "";
    }
    Map<String, Long> after = counters();
    db.close();
    // the counters' own query is one question at each end
    long statements = after.get("Questions") - countersBefore.get("Questions") - 1;
    long commits = after.get("Com_commit") - countersBefore.get("Com_commit");
    return String.format(" db-per-message: statements=%.2f commits=%.3f", (double) statements / messages,
        (double) commits / messages);
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
