package ling.gateway.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads what a request carries, answering 400/415 (naming the field) for anything malformed. */
public final class Requests {

  private Requests() {
  }

  /** The JSON object body; absent only where {@code optional}. */
  public static JsonObject body(RoutingContext ctx, boolean optional) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      if (optional) {
        return new JsonObject();
      }
      throw ApiException.invalid("body", "is required");
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new ApiException(ApiError.of(415, "Content-Type must be application/json"));
    }
    Object parsed;
    try {
      parsed = raw.toJsonValue();
    } catch (DecodeException e) {
      throw ApiException.invalid("body", "is not valid JSON");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiException.invalid("body", "must be a JSON object");
    }
    return object;
  }

  public static JsonObject body(RoutingContext ctx) {
    return body(ctx, false);
  }

  public static String requiredString(JsonObject body, String field) {
    String value = optionalString(body, field);
    if (value == null) {
      throw ApiException.invalid(field, "is required");
    }
    return value;
  }

  public static String optionalString(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw ApiException.invalid(field, "must be a string");
    }
    return (String) value;
  }

  /** A positive integer id in the body, or null when absent (or null). */
  public static Long optionalId(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1) {
      throw ApiException.invalid(field, "must be a positive integer id");
    }
    return ((Number) value).longValue();
  }

  /** An array of 1 to {@code max} positive integer ids. */
  public static java.util.List<Long> requiredIdList(JsonObject body, String field, int max) {
    if (!(body.getValue(field) instanceof io.vertx.core.json.JsonArray array) || array.isEmpty() || array.size() > max) {
      throw ApiException.invalid(field, "must be a non-empty array of at most " + max + " user ids");
    }
    return optionalIdList(body, field, max);
  }

  /** An array of at most {@code max} positive integer ids, or null when absent (or null). */
  public static java.util.List<Long> optionalIdList(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof io.vertx.core.json.JsonArray array) || array.size() > max) {
      throw ApiException.invalid(field, "must be an array of at most " + max + " user ids");
    }
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof Integer || item instanceof Long) || ((Number) item).longValue() < 1) {
        throw ApiException.invalid(field, "must be an array of user ids");
      }
      ids.add(((Number) item).longValue());
    }
    return ids;
  }

  /** true or false, or {@code absent} when the field is absent (or null). */
  public static boolean optionalBoolean(JsonObject body, String field, boolean absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean b)) {
      throw ApiException.invalid(field, "must be true or false");
    }
    return b;
  }

  public static long requiredId(JsonObject body, String field) {
    Long value = optionalId(body, field);
    if (value == null) {
      throw ApiException.invalid(field, "is required");
    }
    return value;
  }

  /** A positive integer id from the path. */
  public static long pathId(RoutingContext ctx, String name) {
    return positiveLong(name, ctx.pathParam(name));
  }

  public static Integer queryInt(RoutingContext ctx, String name, Integer absent) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return absent;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "must be an integer");
    }
  }

  /** A non-negative integer query parameter, or null when absent. */
  public static Long queryLong(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return null;
    }
    try {
      long value = Long.parseLong(raw.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.invalid(name, "must be a non-negative integer");
  }

  public static Long queryId(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    return raw == null ? null : positiveLong(name, raw);
  }

  private static long positiveLong(String name, String raw) {
    try {
      long value = Long.parseLong(raw.strip());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // answered below
    }
    throw ApiException.invalid(name, "must be a positive integer");
  }
}
