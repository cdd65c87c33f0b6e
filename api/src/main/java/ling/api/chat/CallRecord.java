package ling.api.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What the {@code call} message of a finished call says: its media, how it ended, how long it ran. */
@DataObject
@JsonGen(publicConverter = false)
public class CallRecord {

  /** {@code audio} or {@code video}. */
  private String media;
  /** {@code completed}, {@code missed}, {@code rejected}, {@code cancelled} or {@code busy}. */
  private String outcome;
  /** From the accept (a group call's from its start); 0 for a call never answered. */
  private long durationMs;

  public CallRecord() {
  }

  public CallRecord(String media, String outcome, long durationMs) {
    this.media = media;
    this.outcome = outcome;
    this.durationMs = durationMs;
  }

  public CallRecord(JsonObject json) {
    CallRecordConverter.fromJson(json, this);
  }

  /** As the message's {@code call} field shows it. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    CallRecordConverter.toJson(this, json);
    return json;
  }

  public String getMedia() {
    return media;
  }

  public CallRecord setMedia(String media) {
    this.media = media;
    return this;
  }

  public String getOutcome() {
    return outcome;
  }

  public CallRecord setOutcome(String outcome) {
    this.outcome = outcome;
    return this;
  }

  public long getDurationMs() {
    return durationMs;
  }

  public CallRecord setDurationMs(long durationMs) {
    this.durationMs = durationMs;
    return this;
  }
}
