package ling.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON types of a request body's fields, for the data objects that decode one: a value of the
 * wrong type is refused with a 400 naming the field, in the words the contract has always used.
 * What a value must be beyond its type (lengths, ranges, the configured limits) is the services'.
 */
public final class BodyFields {

  private BodyFields() {
  }

  /** The body itself, which a partial update cannot do without. */
  public static JsonObject required(JsonObject body) {
    if (body == null) {
      throw Failures.invalid("body", "is required");
    }
    return body;
  }

  /** A string or null. */
  public static String text(String field, Object value) {
    return text(field, value, "must be a string");
  }

  /** A string or null, refused with {@code problem} otherwise. */
  public static String text(String field, Object value, String problem) {
    if (value != null && !(value instanceof String)) {
      throw Failures.invalid(field, problem);
    }
    return (String) value;
  }

  /** A positive integer id or null (null clears). */
  public static Long fileId(String field, Object value) {
    return value == null ? null : id(field, value, "must be a file id");
  }

  /** A positive integer id, never null; refused with {@code problem} otherwise. */
  public static long id(String field, Object value, String problem) {
    if (!isId(value)) {
      throw Failures.invalid(field, problem);
    }
    return ((Number) value).longValue();
  }

  /** {@code true} or {@code false}, never null. */
  public static boolean bool(String field, Object value) {
    if (!(value instanceof Boolean flag)) {
      throw Failures.invalid(field, "must be true or false");
    }
    return flag;
  }

  /** An array of positive integer ids, as given (duplicates included), or null. */
  public static List<Long> ids(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw Failures.invalid(field, "must be an array of user ids");
    }
    List<Long> ids = new ArrayList<>(array.size());
    for (Object item : array) {
      ids.add(id(field, item, "must be an array of user ids"));
    }
    return ids;
  }

  private static boolean isId(Object value) {
    return (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1;
  }
}
