package ling.standalone;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import ling.assistant.impl.AssistantVerticle;
import ling.common.config.DataDirectory;
import ling.common.config.LingConfig;
import ling.common.db.EmbeddedMariaDb;
import ling.common.runtime.ServiceMain;

/**
 * The server as a cluster of processes on this machine, as a deployment runs it but without
 * containers: the embedded database, then each service from its own entry point in a JVM of its
 * own, with {@code --chat N} chat-service and {@code --gateways M} gateway processes (gateway i
 * listens on {@code http.port + i}), and {@code --assistants K} assistant processes (one by default
 * where {@code assistant.baseUrl} is set, else none). For trying scale-out and for the bench's cluster figures.
 * Settings are the server's ({@code LING_*}); each process inherits them. Ends every process when
 * it ends.
 */
public final class ClusterMain {

  private static final String[][] ONCE = {{"file", "ling.file.FileMain"}, {"media", "ling.media.MediaSignalingMain"}};
  private static final String SERVING = "serving in cluster";
  private static final String LISTENING = "gateway listening on";

  private ClusterMain() {
  }

  public static void main(String[] args) throws Exception {
    ServiceMain.routeJulToSlf4j();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int chats = Integer.parseInt(options.getOrDefault("chat", "2"));
    int gateways = Integer.parseInt(options.getOrDefault("gateways", "1"));
    String heap = options.getOrDefault("heap", "256m");
    JsonObject config = LingConfig.loadNow(System.getenv());
    Path data = DataDirectory.of(config).resolve("cluster");
    Files.createDirectories(data);
    EmbeddedMariaDb embedded = Standalone.embeddedUnlessConfigured(config.getJsonObject("db"), data.resolve("mariadb"));
    JsonObject connection = embedded != null ? embedded.connection() : config.getJsonObject("db");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("LING_DB_HOST", connection.getString("host"));
    env.put("LING_DB_PORT", String.valueOf(connection.getInteger("port")));
    env.put("LING_DB_NAME", connection.getString("name"));
    env.put("LING_DB_USER", connection.getString("user"));
    if (connection.getString("password") != null) {
      // the value itself: a _FILE form given to this process stays valid for its children
      env.put("LING_DB_PASSWORD", connection.getString("password"));
      env.remove("LING_DB_PASSWORD_FILE");
    }

    List<Process> processes = new ArrayList<>();
    CountDownLatch listening = new CountDownLatch(gateways);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      processes.forEach(p -> p.toHandle().destroy());
      processes.forEach(p -> {
        try {
          p.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      if (embedded != null) {
        embedded.close();
      }
    }, "ling-cluster-stop"));
    int port = config.getJsonObject("http").getInteger("port");
    // The account service is the seed, as in the compose file, and serves before the others start:
    // a member that started alone and leaves again (it found no seed) while the seed is joining it
    // holds the seed's join for minutes.
    CountDownLatch seedServing = new CountDownLatch(1);
    processes.add(start("account", "ling.account.AccountMain", env, data, heap, Map.of("LING_CLUSTER_SEED", "true"),
        seedServing, SERVING));
    if (!seedServing.await(5, TimeUnit.MINUTES)) {
      System.err.println("the account service (the cluster's seed) did not serve in 5 minutes");
      System.exit(1);
    }
    for (String[] service : ONCE) {
      processes.add(start(service[0], service[1], env, data, heap, Map.of("LING_CLUSTER_SEED", "false"), null, null));
    }
    // the assistant only where a backend is configured, as in the standalone server
    int assistants = Integer.parseInt(options.getOrDefault("assistants",
        AssistantVerticle.configured(config) ? "1" : "0"));
    for (int i = 0; i < assistants; i++) {
      processes.add(start("assistant-" + (i + 1), "ling.assistant.AssistantMain", env, data, heap,
          Map.of("LING_CLUSTER_SEED", "false"), null, null));
    }
    for (int i = 0; i < chats; i++) {
      processes.add(start("chat-" + (i + 1), "ling.chat.ChatMain", env, data, heap,
          Map.of("LING_CLUSTER_SEED", "false"), null, null));
    }
    for (int i = 0; i < gateways; i++) {
      processes.add(start("gateway-" + (i + 1), "ling.gateway.GatewayMain", env, data, heap,
          Map.of("LING_CLUSTER_SEED", "false", "LING_HTTP_PORT", String.valueOf(port + i)), listening, LISTENING));
    }
    if (!listening.await(5, TimeUnit.MINUTES)) {
      System.err.println("the gateways did not start listening in 5 minutes");
      System.exit(1);
    }
    StringBuilder pids = new StringBuilder();
    processes.forEach(p -> pids.append(' ').append(p.pid()));
    System.out.println("Ling cluster listening on http://" + config.getJsonObject("http").getString("host") + ":"
        + port + (gateways > 1 ? "-" + (port + gateways - 1) : "") + "/api/v1; processes" + pids);
    // until stopped: the shutdown hook ends the processes
    new CountDownLatch(1).await();
  }

  /**
   * One service process; its output goes to this one's, each line prefixed with its name. The
   * latch, if any, counts down at the first line that holds {@code readyLine}.
   */
  private static Process start(String name, String mainClass, Map<String, String> env, Path data, String heap,
                               Map<String, String> own, CountDownLatch ready, String readyLine) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), mainClass).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("LING_DATA_DIR", data.resolve(name).toString());
    builder.environment().putAll(own);
    Process process = builder.start();
    Thread output = new Thread(() -> {
      // a gateway process logs one line per gateway instance: it counts once
      boolean counted = false;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          System.out.println(name + " | " + line);
          if (ready != null && !counted && line.contains(readyLine)) {
            ready.countDown();
            counted = true;
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, name + "-output");
    output.setDaemon(true);
    output.start();
    return process;
  }
}
