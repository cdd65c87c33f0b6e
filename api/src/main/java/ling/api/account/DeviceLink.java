package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A pending sign-in of a new device: it shows {@code code}, a signed-in user approves it. */
@DataObject
@JsonGen(publicConverter = false)
public class DeviceLink {

  /** Unguessable: it is what the new device polls with. */
  private long linkId;
  private String code;
  /** Seconds until the link expires. */
  private int expiresIn;

  public DeviceLink() {
  }

  public DeviceLink(JsonObject json) {
    DeviceLinkConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    DeviceLinkConverter.toJson(this, json);
    return json;
  }

  public long getLinkId() {
    return linkId;
  }

  public DeviceLink setLinkId(long linkId) {
    this.linkId = linkId;
    return this;
  }

  public String getCode() {
    return code;
  }

  public DeviceLink setCode(String code) {
    this.code = code;
    return this;
  }

  public int getExpiresIn() {
    return expiresIn;
  }

  public DeviceLink setExpiresIn(int expiresIn) {
    this.expiresIn = expiresIn;
    return this;
  }

}
