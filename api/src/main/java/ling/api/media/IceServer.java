package ling.api.media;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** An ICE server as WebRTC takes it: STUN URLs alone, or TURN URLs with time-limited credentials. */
@DataObject
@JsonGen(publicConverter = false)
public class IceServer {

  private List<String> urls = new ArrayList<>();
  /** TURN only. */
  private String username;
  /** TURN only. */
  private String credential;

  public IceServer() {
  }

  public IceServer(List<String> urls) {
    setUrls(urls);
  }

  public IceServer(JsonObject json) {
    IceServerConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    IceServerConverter.toJson(this, json);
    return json;
  }

  public List<String> getUrls() {
    return urls;
  }

  public IceServer setUrls(List<String> urls) {
    this.urls = urls == null ? new ArrayList<>() : new ArrayList<>(urls);
    return this;
  }

  public String getUsername() {
    return username;
  }

  public IceServer setUsername(String username) {
    this.username = username;
    return this;
  }

  public String getCredential() {
    return credential;
  }

  public IceServer setCredential(String credential) {
    this.credential = credential;
    return this;
  }
}
