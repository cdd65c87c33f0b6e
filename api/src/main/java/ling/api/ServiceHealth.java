package ling.api;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/**
 * A check of {@code /health}: {@code UP} or {@code DOWN}, why when it is down, and, for a service,
 * the check of its database. What it says is exactly what {@code /health} shows for it.
 */
@DataObject
@JsonGen(publicConverter = false)
public class ServiceHealth {

  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  private String status;
  private String reason;
  private ServiceHealth database;

  public ServiceHealth() {
  }

  public ServiceHealth(JsonObject json) {
    ServiceHealthConverter.fromJson(json, this);
  }

  public static ServiceHealth up() {
    return new ServiceHealth().setStatus(UP);
  }

  public static ServiceHealth down(String reason) {
    return new ServiceHealth().setStatus(DOWN).setReason(reason);
  }

  /** A service is as healthy as its database. */
  public static ServiceHealth ofDatabase(ServiceHealth database) {
    return new ServiceHealth().setStatus(database.getStatus()).setDatabase(database);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ServiceHealthConverter.toJson(this, json);
    return json;
  }

  /** Whether the check passed (a missing status did not). */
  public boolean passed() {
    return UP.equals(status);
  }

  public String getStatus() {
    return status;
  }

  public ServiceHealth setStatus(String status) {
    this.status = status;
    return this;
  }

  public String getReason() {
    return reason;
  }

  public ServiceHealth setReason(String reason) {
    this.reason = reason;
    return this;
  }

  public ServiceHealth getDatabase() {
    return database;
  }

  public ServiceHealth setDatabase(ServiceHealth database) {
    this.database = database;
    return this;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
