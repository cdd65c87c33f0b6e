package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import ling.api.BodyFields;
import ling.api.Failures;

/**
 * A partial update of a group by its owner or an admin, {@code PATCH /groups/{id}}: only the
 * fields present change; {@code null} clears the announcement and the avatar.
 *
 * <p>The JSON conversion is written by hand: a generated converter cannot tell a field left out
 * from one set to null. The JSON form holds exactly the fields present, in the order given.
 */
@DataObject
public class GroupChanges {

  public static final String NAME = "name";
  public static final String ANNOUNCEMENT = "announcement";
  public static final String AVATAR_FILE_ID = "avatarFileId";
  public static final String JOIN_POLICY = "joinPolicy";

  private final Set<String> present = new LinkedHashSet<>();
  private String name;
  private String announcement;
  private Long avatarFileId;
  private String joinPolicy;

  public GroupChanges() {
  }

  /** Reads what {@link #toJson} wrote, as strictly as a client's body. */
  public GroupChanges(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case NAME -> setName(BodyFields.text(field, value));
        case ANNOUNCEMENT -> setAnnouncement(BodyFields.text(field, value));
        case AVATAR_FILE_ID -> setAvatarFileId(BodyFields.fileId(field, value));
        case JOIN_POLICY -> setJoinPolicy(BodyFields.text(field, value, "must be open, approval or invite"));
        default -> throw Failures.invalid(field, "is not a group field");
      }
    }
  }

  /** A client's body, field by field in its order: an unknown field or a wrong JSON type is a 400. */
  public static GroupChanges from(JsonObject body) {
    return new GroupChanges(BodyFields.required(body));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (String field : present) {
      switch (field) {
        case NAME -> json.put(field, name);
        case ANNOUNCEMENT -> json.put(field, announcement);
        case AVATAR_FILE_ID -> json.put(field, avatarFileId);
        case JOIN_POLICY -> json.put(field, joinPolicy);
      }
    }
    return json;
  }

  /** The fields present, in the order given. */
  public Set<String> fields() {
    return Collections.unmodifiableSet(present);
  }

  public String getName() {
    return name;
  }

  public GroupChanges setName(String name) {
    this.name = name;
    present.add(NAME);
    return this;
  }

  public String getAnnouncement() {
    return announcement;
  }

  public GroupChanges setAnnouncement(String announcement) {
    this.announcement = announcement;
    present.add(ANNOUNCEMENT);
    return this;
  }

  public Long getAvatarFileId() {
    return avatarFileId;
  }

  public GroupChanges setAvatarFileId(Long avatarFileId) {
    this.avatarFileId = avatarFileId;
    present.add(AVATAR_FILE_ID);
    return this;
  }

  public String getJoinPolicy() {
    return joinPolicy;
  }

  public GroupChanges setJoinPolicy(String joinPolicy) {
    this.joinPolicy = joinPolicy;
    present.add(JOIN_POLICY);
    return this;
  }
}
