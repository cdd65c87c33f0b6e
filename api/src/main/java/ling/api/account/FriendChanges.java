package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import ling.api.BodyFields;
import ling.api.Failures;

/**
 * A partial update of a friend, {@code PATCH /friends/{userId}}: the owner's remark ({@code null}
 * clears it) and/or the contact folder ({@code groupId}) the friend is in.
 *
 * <p>The JSON conversion is written by hand: a generated converter cannot tell a field left out
 * from one set to null. The JSON form holds exactly the fields present, in the order given.
 */
@DataObject
public class FriendChanges {

  public static final String REMARK = "remark";
  public static final String GROUP_ID = "groupId";

  private final Set<String> present = new LinkedHashSet<>();
  private String remark;
  private Long groupId;

  public FriendChanges() {
  }

  /** Reads what {@link #toJson} wrote, as strictly as a client's body. */
  public FriendChanges(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case REMARK -> setRemark(BodyFields.text(field, value));
        case GROUP_ID -> setGroupId(BodyFields.id(field, value, "must be the id of one of your folders"));
        default -> throw Failures.invalid(field, "is not a friend field");
      }
    }
  }

  /** A client's body, field by field in its order: an unknown field or a wrong JSON type is a 400. */
  public static FriendChanges from(JsonObject body) {
    return new FriendChanges(BodyFields.required(body));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (String field : present) {
      switch (field) {
        case REMARK -> json.put(field, remark);
        case GROUP_ID -> json.put(field, groupId);
      }
    }
    return json;
  }

  /** The fields present, in the order given. */
  public Set<String> fields() {
    return Collections.unmodifiableSet(present);
  }

  public String getRemark() {
    return remark;
  }

  public FriendChanges setRemark(String remark) {
    this.remark = remark;
    present.add(REMARK);
    return this;
  }

  /** The folder to move the friend to; never null when present. */
  public Long getGroupId() {
    return groupId;
  }

  public FriendChanges setGroupId(Long groupId) {
    this.groupId = groupId;
    present.add(GROUP_ID);
    return this;
  }
}
