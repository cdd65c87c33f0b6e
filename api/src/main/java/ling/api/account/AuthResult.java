package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A signed-in session: the user and a fresh token pair. */
@DataObject
@JsonGen(publicConverter = false)
public class AuthResult {

  private UserProfile user;
  private String accessToken;
  private String refreshToken;
  /** Seconds until the access token expires. */
  private int expiresIn;

  public AuthResult() {
  }

  public AuthResult(JsonObject json) {
    AuthResultConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AuthResultConverter.toJson(this, json);
    return json;
  }

  public UserProfile getUser() {
    return user;
  }

  public AuthResult setUser(UserProfile user) {
    this.user = user;
    return this;
  }

  public String getAccessToken() {
    return accessToken;
  }

  public AuthResult setAccessToken(String accessToken) {
    this.accessToken = accessToken;
    return this;
  }

  public String getRefreshToken() {
    return refreshToken;
  }

  public AuthResult setRefreshToken(String refreshToken) {
    this.refreshToken = refreshToken;
    return this;
  }

  public int getExpiresIn() {
    return expiresIn;
  }

  public AuthResult setExpiresIn(int expiresIn) {
    this.expiresIn = expiresIn;
    return this;
  }

}
