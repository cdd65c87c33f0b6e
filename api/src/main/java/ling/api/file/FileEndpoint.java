package ling.api.file;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/**
 * Where the file service's own HTTP endpoint listens, and the token it requires. The token is
 * made at each start of the service, so a gateway holding an old one asks again.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FileEndpoint {

  private String host;
  private int port;
  private String token;

  public FileEndpoint() {
  }

  public FileEndpoint(String host, int port, String token) {
    this.host = host;
    this.port = port;
    this.token = token;
  }

  public FileEndpoint(JsonObject json) {
    FileEndpointConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FileEndpointConverter.toJson(this, json);
    return json;
  }

  public String getHost() {
    return host;
  }

  public FileEndpoint setHost(String host) {
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  public FileEndpoint setPort(int port) {
    this.port = port;
    return this;
  }

  public String getToken() {
    return token;
  }

  public FileEndpoint setToken(String token) {
    this.token = token;
    return this;
  }

  /** Without the token, which must not reach a log. */
  @Override
  public String toString() {
    return host + ":" + port;
  }
}
