package ling.api.file;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A file as {@code GET /files/{id}/info} describes it and as a message carries it:
 * {@code {fileId, name, size, mime, sha256, width, height, url, thumbnailUrl}}.
 */
@DataObject
@JsonGen(publicConverter = false)
public class FileInfo {

  /**
   * Every field, in this order, null or not: messages store this JSON as it is and clients have
   * always seen the optional fields as null rather than absent.
   */
  private static final List<String> FIELDS =
      List.of("fileId", "name", "size", "mime", "sha256", "width", "height", "url", "thumbnailUrl");

  private long fileId;
  private String name;
  private long size;
  private String mime;
  private String sha256;
  /** Images only. */
  private Integer width;
  /** Images only. */
  private Integer height;
  private String url;
  /** Images only. */
  private String thumbnailUrl;

  public FileInfo() {
  }

  public FileInfo(JsonObject json) {
    FileInfoConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    FIELDS.forEach(json::putNull);
    FileInfoConverter.toJson(this, json);
    return json;
  }

  public long getFileId() {
    return fileId;
  }

  public FileInfo setFileId(long fileId) {
    this.fileId = fileId;
    return this;
  }

  public String getName() {
    return name;
  }

  public FileInfo setName(String name) {
    this.name = name;
    return this;
  }

  public long getSize() {
    return size;
  }

  public FileInfo setSize(long size) {
    this.size = size;
    return this;
  }

  public String getMime() {
    return mime;
  }

  public FileInfo setMime(String mime) {
    this.mime = mime;
    return this;
  }

  public String getSha256() {
    return sha256;
  }

  public FileInfo setSha256(String sha256) {
    this.sha256 = sha256;
    return this;
  }

  public Integer getWidth() {
    return width;
  }

  public FileInfo setWidth(Integer width) {
    this.width = width;
    return this;
  }

  public Integer getHeight() {
    return height;
  }

  public FileInfo setHeight(Integer height) {
    this.height = height;
    return this;
  }

  public String getUrl() {
    return url;
  }

  public FileInfo setUrl(String url) {
    this.url = url;
    return this;
  }

  public String getThumbnailUrl() {
    return thumbnailUrl;
  }

  public FileInfo setThumbnailUrl(String thumbnailUrl) {
    this.thumbnailUrl = thumbnailUrl;
    return this;
  }
}
