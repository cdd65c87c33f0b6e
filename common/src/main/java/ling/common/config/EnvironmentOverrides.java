package ling.common.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/**
 * Overrides declared configuration keys with {@code LING_*} environment variables. Each variable
 * also has a {@code _FILE} form naming a file that holds the value (a Docker secret, say), so that
 * a password need not stand in the process's environment.
 */
final class EnvironmentOverrides {

  private EnvironmentOverrides() {
  }

  static JsonObject apply(JsonObject config, Map<String, String> env) {
    JsonObject result = config.copy();
    overlay(result, "LING", env);
    return result;
  }

  private static void overlay(JsonObject node, String prefix, Map<String, String> env) {
    for (String key : new ArrayList<>(node.fieldNames())) {
      String name = prefix + "_" + snake(key);
      Object current = node.getValue(key);
      if (current instanceof JsonObject child) {
        overlay(child, name, env);
        continue;
      }
      String raw = valueOf(name, env);
      if (raw != null) {
        node.put(key, convert(name, raw, current));
      }
    }
  }

  private static String valueOf(String name, Map<String, String> env) {
    String direct = env.get(name);
    String file = env.get(name + "_FILE");
    if (file == null || file.isBlank()) {
      return direct;
    }
    if (direct != null) {
      throw new IllegalArgumentException("set " + name + " or " + name + "_FILE, not both");
    }
    try {
      // the file's last line break is not part of the value (editors and `echo` add one)
      return Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).replaceFirst("\\r?\\n\\z", "");
    } catch (IOException e) {
      throw new IllegalArgumentException(name + "_FILE names a file that cannot be read: " + file.strip());
    }
  }

  private static Object convert(String name, String raw, Object current) {
    String value = raw.trim();
    try {
      if (current instanceof Integer) {
        return Integer.parseInt(value);
      }
      if (current instanceof Long) {
        return Long.parseLong(value);
      }
      if (current instanceof Number) {
        return Double.parseDouble(value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
    if (current instanceof Boolean) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
      }
      return Boolean.parseBoolean(value);
    }
    return raw;
  }

  /** {@code maxPoolSize} → {@code MAX_POOL_SIZE}. */
  static String snake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }
}
