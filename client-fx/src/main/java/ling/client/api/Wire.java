package ling.client.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of the contract, typed. Unknown fields are ignored (the contract may grow), absent ones
 * stay null, and nothing but JSON ever crosses the wire.
 */
public final class Wire {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Wire() {
  }

  /**
   * Reads the shapes of the first screens once, off the FX thread: the mapper builds its readers
   * on first use, which would otherwise be paid when the first conversation opens.
   */
  public static void warmUp() {
    Thread warming = new Thread(() -> {
      try {
        readList(tree("[{\"id\":1,\"conversationId\":1,\"seq\":1,\"senderId\":1,\"kind\":\"text\",\"text\":\"\","
            + "\"file\":{\"fileId\":1},\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"mentions\":[1]}]"),
            Models.Message.class);
        readList(tree("[{\"id\":1,\"type\":\"direct\",\"peer\":{\"id\":1}}]"), Models.Conversation.class);
      } catch (RuntimeException e) {
        // only a head start: the real reads report their own failures
      }
    }, "ling-wire-warm-up");
    warming.setDaemon(true);
    warming.start();
  }

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("not the expected JSON: " + e.getMessage(), e);
    }
  }

  public static <T> T read(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException("not the expected JSON: " + e.getMessage(), e);
    }
  }

  public static <T> java.util.List<T> readList(JsonNode node, Class<T> type) {
    try {
      return MAPPER.readerFor(MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, type))
          .readValue(node);
    } catch (IOException e) {
      throw new UncheckedIOException("not the expected JSON: " + e.getMessage(), e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
