package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.Optional;
import ling.common.Times;
import ling.common.db.Rows;

/** Finished files ({@code file}): what was uploaded, by whom, and where its bytes are. */
final class FileRepository {

  record FileRow(long id, long ownerId, String sha256, long size, String name, String mime, Integer width,
                 Integer height, String thumbnailSha256, LocalDateTime createdAt) {
  }

  private static final String COLUMNS = "id, owner_id, sha256, size, name, mime, width, height, thumbnail_sha256, "
      + "created_at";

  private final Pool pool;

  FileRepository(Pool pool) {
    this.pool = pool;
  }

  /** Records what an upload turned out to be, under the name it was uploaded with; answers the new row. */
  Future<FileRow> insert(long ownerId, String name, Finisher.Content content) {
    FileRow file = new FileRow(0, ownerId, content.sha256(), content.size(), name, content.mime(), content.width(),
        content.height(), content.thumbnailSha256(), Times.nowUtc());
    return pool.preparedQuery("INSERT INTO file (owner_id, sha256, size, name, mime, width, height, thumbnail_sha256, "
            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {file.ownerId(), file.sha256(), file.size(), file.name(), file.mime(),
            file.width(), file.height(), file.thumbnailSha256(), file.createdAt()}))
        .map(rows -> new FileRow(rows.property(MySQLClient.LAST_INSERTED_ID), file.ownerId(), file.sha256(),
            file.size(), file.name(), file.mime(), file.width(), file.height(), file.thumbnailSha256(),
            file.createdAt()));
  }

  Future<Void> makePublic(long id) {
    return pool.preparedQuery("UPDATE file SET public_read = TRUE WHERE id = ?").execute(Tuple.of(id)).mapEmpty();
  }

  Future<Boolean> isPublic(long id) {
    return pool.preparedQuery("SELECT public_read FROM file WHERE id = ?").execute(Tuple.of(id))
        .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  Future<Optional<FileRow>> find(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM file WHERE id = ?").execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, row -> new FileRow(row.getLong("id"), row.getLong("owner_id"),
            row.getString("sha256"), row.getLong("size"), row.getString("name"), row.getString("mime"),
            row.getInteger("width"), row.getInteger("height"), row.getString("thumbnail_sha256"),
            row.getLocalDateTime("created_at"))));
  }
}
