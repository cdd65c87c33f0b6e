package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ling.api.BodyFields;
import ling.api.Failures;

/**
 * A new group, {@code POST /groups}: {@code {name, memberIds[], avatarFileId?, joinPolicy?}}. That
 * {@code name} and {@code memberIds} are given, and what they may be, the service decides.
 *
 * <p>The JSON conversion is written by hand, as for the partial updates: the JSON form holds
 * exactly the fields present, in the order given, nulls included.
 */
@DataObject
public class GroupSpec {

  public static final String NAME = "name";
  public static final String MEMBER_IDS = "memberIds";
  public static final String AVATAR_FILE_ID = "avatarFileId";
  public static final String JOIN_POLICY = "joinPolicy";

  private final Set<String> present = new LinkedHashSet<>();
  private String name;
  private List<Long> memberIds;
  private Long avatarFileId;
  private String joinPolicy;

  public GroupSpec() {
  }

  /** Reads what {@link #toJson} wrote, as strictly as a client's body. */
  public GroupSpec(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case NAME -> setName(BodyFields.text(field, value));
        case MEMBER_IDS -> setMemberIds(BodyFields.ids(field, value));
        case AVATAR_FILE_ID -> setAvatarFileId(BodyFields.fileId(field, value));
        case JOIN_POLICY -> setJoinPolicy(BodyFields.text(field, value, "must be open, approval or invite"));
        default -> throw Failures.invalid(field, "is not a group field");
      }
    }
  }

  /** A client's body, field by field in its order: an unknown field or a wrong JSON type is a 400. */
  public static GroupSpec from(JsonObject body) {
    return new GroupSpec(BodyFields.required(body));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (String field : present) {
      switch (field) {
        case NAME -> json.put(field, name);
        case MEMBER_IDS -> json.put(field, memberIds == null ? null : new JsonArray(new ArrayList<>(memberIds)));
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

  public GroupSpec setName(String name) {
    this.name = name;
    present.add(NAME);
    return this;
  }

  /** As given, duplicates included; null when left out. */
  public List<Long> getMemberIds() {
    return memberIds;
  }

  public GroupSpec setMemberIds(List<Long> memberIds) {
    this.memberIds = memberIds;
    present.add(MEMBER_IDS);
    return this;
  }

  public Long getAvatarFileId() {
    return avatarFileId;
  }

  public GroupSpec setAvatarFileId(Long avatarFileId) {
    this.avatarFileId = avatarFileId;
    present.add(AVATAR_FILE_ID);
    return this;
  }

  /** {@code open}, {@code approval} or {@code invite}; null for the default. */
  public String getJoinPolicy() {
    return joinPolicy;
  }

  public GroupSpec setJoinPolicy(String joinPolicy) {
    this.joinPolicy = joinPolicy;
    present.add(JOIN_POLICY);
    return this;
  }
}
