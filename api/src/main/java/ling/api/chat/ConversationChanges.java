package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import ling.api.BodyFields;
import ling.api.Failures;

/**
 * The user's own settings of a conversation, {@code PATCH /conversations/{id}}: {@code muted}
 * and/or {@code pinned}; only those present change.
 *
 * <p>The JSON conversion is written by hand: a generated converter would send a setting left out
 * as false. The JSON form holds exactly the fields present, in the order given.
 */
@DataObject
public class ConversationChanges {

  public static final String MUTED = "muted";
  public static final String PINNED = "pinned";

  private final Set<String> present = new LinkedHashSet<>();
  private boolean muted;
  private boolean pinned;

  public ConversationChanges() {
  }

  /** Reads what {@link #toJson} wrote, as strictly as a client's body. */
  public ConversationChanges(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case MUTED -> setMuted(BodyFields.bool(field, value));
        case PINNED -> setPinned(BodyFields.bool(field, value));
        default -> throw Failures.invalid(field, "is not a conversation setting");
      }
    }
  }

  /** A client's body, field by field in its order: an unknown field or a wrong JSON type is a 400. */
  public static ConversationChanges from(JsonObject body) {
    return new ConversationChanges(BodyFields.required(body));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (String field : present) {
      switch (field) {
        case MUTED -> json.put(field, muted);
        case PINNED -> json.put(field, pinned);
      }
    }
    return json;
  }

  /** The settings present, in the order given. */
  public Set<String> fields() {
    return Collections.unmodifiableSet(present);
  }

  public boolean isMuted() {
    return muted;
  }

  public ConversationChanges setMuted(boolean muted) {
    this.muted = muted;
    present.add(MUTED);
    return this;
  }

  public boolean isPinned() {
    return pinned;
  }

  public ConversationChanges setPinned(boolean pinned) {
    this.pinned = pinned;
    present.add(PINNED);
    return this;
  }
}
