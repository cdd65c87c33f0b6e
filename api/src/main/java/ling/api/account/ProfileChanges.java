package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import ling.api.BodyFields;
import ling.api.Failures;

/**
 * A partial update of one's own profile, {@code PATCH /me}: only the fields present change, and
 * {@code null} clears the optional ones (the service refuses it for {@code displayName}).
 *
 * <p>The JSON conversion is written by hand: a generated converter cannot tell a field left out
 * from one set to null. The JSON form holds exactly the fields present, in the order given.
 */
@DataObject
public class ProfileChanges {

  public static final String DISPLAY_NAME = "displayName";
  public static final String SIGNATURE = "signature";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";
  public static final String AVATAR_FILE_ID = "avatarFileId";

  private final Set<String> present = new LinkedHashSet<>();
  private String displayName;
  private String signature;
  private String email;
  private String phone;
  private Long avatarFileId;

  public ProfileChanges() {
  }

  /** Reads what {@link #toJson} wrote, as strictly as a client's body. */
  public ProfileChanges(JsonObject json) {
    for (String field : json.fieldNames()) {
      Object value = json.getValue(field);
      switch (field) {
        case DISPLAY_NAME -> setDisplayName(BodyFields.text(field, value));
        case SIGNATURE -> setSignature(BodyFields.text(field, value));
        case EMAIL -> setEmail(BodyFields.text(field, value));
        case PHONE -> setPhone(BodyFields.text(field, value));
        case AVATAR_FILE_ID -> setAvatarFileId(BodyFields.fileId(field, value));
        default -> throw Failures.invalid(field, "is not a profile field");
      }
    }
  }

  /** A client's body, field by field in its order: an unknown field or a wrong JSON type is a 400. */
  public static ProfileChanges from(JsonObject body) {
    return new ProfileChanges(BodyFields.required(body));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (String field : present) {
      switch (field) {
        case DISPLAY_NAME -> json.put(field, displayName);
        case SIGNATURE -> json.put(field, signature);
        case EMAIL -> json.put(field, email);
        case PHONE -> json.put(field, phone);
        case AVATAR_FILE_ID -> json.put(field, avatarFileId);
      }
    }
    return json;
  }

  /** The fields present, in the order given. */
  public Set<String> fields() {
    return Collections.unmodifiableSet(present);
  }

  public String getDisplayName() {
    return displayName;
  }

  public ProfileChanges setDisplayName(String displayName) {
    this.displayName = displayName;
    present.add(DISPLAY_NAME);
    return this;
  }

  public String getSignature() {
    return signature;
  }

  public ProfileChanges setSignature(String signature) {
    this.signature = signature;
    present.add(SIGNATURE);
    return this;
  }

  public String getEmail() {
    return email;
  }

  public ProfileChanges setEmail(String email) {
    this.email = email;
    present.add(EMAIL);
    return this;
  }

  public String getPhone() {
    return phone;
  }

  public ProfileChanges setPhone(String phone) {
    this.phone = phone;
    present.add(PHONE);
    return this;
  }

  public Long getAvatarFileId() {
    return avatarFileId;
  }

  public ProfileChanges setAvatarFileId(Long avatarFileId) {
    this.avatarFileId = avatarFileId;
    present.add(AVATAR_FILE_ID);
    return this;
  }
}
