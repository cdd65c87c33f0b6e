package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What the new device learns when it polls its link. */
@DataObject
@JsonGen(publicConverter = false)
public class DeviceLinkPoll {

  /** {@code pending}, {@code approved} or {@code expired}. */
  private String status;
  /** The new device's session, once approved. */
  private AuthResult auth;

  public DeviceLinkPoll() {
  }

  public DeviceLinkPoll(JsonObject json) {
    DeviceLinkPollConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    DeviceLinkPollConverter.toJson(this, json);
    return json;
  }

  public String getStatus() {
    return status;
  }

  public DeviceLinkPoll setStatus(String status) {
    this.status = status;
    return this;
  }

  public AuthResult getAuth() {
    return auth;
  }

  public DeviceLinkPoll setAuth(AuthResult auth) {
    this.auth = auth;
    return this;
  }

}
