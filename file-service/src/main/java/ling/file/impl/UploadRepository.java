package ling.file.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import ling.common.db.Rows;

/** Uploads in progress ({@code upload}). */
final class UploadRepository {

  record UploadRow(String id, long ownerId, long length, String name, String declaredType, LocalDateTime expiresAt,
                   Long fileId) {
  }

  private final Pool pool;

  UploadRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> create(UploadRow upload, LocalDateTime now) {
    return pool.preparedQuery("INSERT INTO upload (id, owner_id, length, name, declared_type, created_at, expires_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(upload.id(), upload.ownerId(), upload.length(), upload.name(), upload.declaredType(), now,
            upload.expiresAt()))
        .mapEmpty();
  }

  Future<Optional<UploadRow>> find(String id) {
    return pool.preparedQuery("SELECT id, owner_id, length, name, declared_type, expires_at, file_id FROM upload "
            + "WHERE id = ?")
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, row -> new UploadRow(row.getString("id"), row.getLong("owner_id"),
            row.getLong("length"), row.getString("name"), row.getString("declared_type"),
            row.getLocalDateTime("expires_at"), row.getLong("file_id"))));
  }

  Future<Void> finished(String id, long fileId) {
    return pool.preparedQuery("UPDATE upload SET file_id = ? WHERE id = ?").execute(Tuple.of(fileId, id)).mapEmpty();
  }

  Future<Void> delete(String id) {
    return pool.preparedQuery("DELETE FROM upload WHERE id = ?").execute(Tuple.of(id)).mapEmpty();
  }

  /** Uploads past their expiry, finished or not. */
  Future<List<String>> expired(LocalDateTime now, int limit) {
    return pool.preparedQuery("SELECT id FROM upload WHERE expires_at < ? LIMIT ?")
        .execute(Tuple.of(now, limit))
        .map(rows -> Rows.all(rows, row -> row.getString(0)));
  }
}
