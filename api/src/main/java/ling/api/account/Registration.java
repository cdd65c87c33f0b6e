package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What a new account is created from. */
@DataObject
@JsonGen(publicConverter = false)
public class Registration {

  private String username;
  private String password;
  /** Defaults to the username. */
  private String displayName;
  private String email;
  private String phone;

  public Registration() {
  }

  public Registration(JsonObject json) {
    RegistrationConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    RegistrationConverter.toJson(this, json);
    return json;
  }

  public String getUsername() {
    return username;
  }

  public Registration setUsername(String username) {
    this.username = username;
    return this;
  }

  public String getPassword() {
    return password;
  }

  public Registration setPassword(String password) {
    this.password = password;
    return this;
  }

  public String getDisplayName() {
    return displayName;
  }

  public Registration setDisplayName(String displayName) {
    this.displayName = displayName;
    return this;
  }

  public String getEmail() {
    return email;
  }

  public Registration setEmail(String email) {
    this.email = email;
    return this;
  }

  public String getPhone() {
    return phone;
  }

  public Registration setPhone(String phone) {
    this.phone = phone;
    return this;
  }

}
