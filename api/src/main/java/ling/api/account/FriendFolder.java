package ling.api.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A contact folder ("friend group") of one user. */
@DataObject
@JsonGen(publicConverter = false)
public class FriendFolder {

  private long id;
  private String name;
  /** The folder every user has; it cannot be deleted. */
  private boolean defaultFolder;
  private int friendCount;

  public FriendFolder() {
  }

  public FriendFolder(JsonObject json) {
    FriendFolderConverter.fromJson(json, this);
    defaultFolder = json.getBoolean("isDefault", defaultFolder);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FriendFolderConverter.toJson(this, json);
    json.remove("defaultFolder");
    json.put("isDefault", defaultFolder);
    return json;
  }

  public long getId() {
    return id;
  }

  public FriendFolder setId(long id) {
    this.id = id;
    return this;
  }

  public String getName() {
    return name;
  }

  public FriendFolder setName(String name) {
    this.name = name;
    return this;
  }

  public boolean isDefaultFolder() {
    return defaultFolder;
  }

  public FriendFolder setDefaultFolder(boolean defaultFolder) {
    this.defaultFolder = defaultFolder;
    return this;
  }

  public int getFriendCount() {
    return friendCount;
  }

  public FriendFolder setFriendCount(int friendCount) {
    this.friendCount = friendCount;
    return this;
  }

}
