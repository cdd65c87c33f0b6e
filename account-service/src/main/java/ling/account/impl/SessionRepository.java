package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDateTime;
import ling.common.Times;
import ling.common.db.Transactions;

/**
 * Sessions ({@code user_session}) and the refresh tokens of each ({@code refresh_token}). A
 * session is a token family: every refresh rotates its token; presenting a rotated token again
 * revokes the session.
 */
final class SessionRepository {

  /** A session's new refresh token; {@code checkedAt} is when its validity was established. */
  record Issued(long userId, long sessionId, String refreshToken, long checkedAt) {
  }

  /** The result of presenting a refresh token: a new token, or why there is none. */
  record Rotation(Issued issued, Long reusedSessionId, Long reusedByUserId) {
    static final Rotation INVALID = new Rotation(null, null, null);
  }

  /** A session that logout ended. */
  record Ended(long userId, long sessionId) {
  }

  /** A session ended early, and when. */
  record Revoked(long userId, long sessionId, LocalDateTime revokedAt) {
  }

  private final Pool pool;
  private final Duration refreshLifetime;

  SessionRepository(Pool pool, Duration refreshLifetime) {
    this.pool = pool;
    this.refreshLifetime = refreshLifetime;
  }

  /** Opens a session for the user with its first refresh token. */
  Future<Issued> open(SqlClient client, long userId) {
    long checkedAt = System.currentTimeMillis();
    return client.preparedQuery("INSERT INTO user_session (user_id, created_at) VALUES (?, ?)")
        .execute(Tuple.of(userId, Times.nowUtc()))
        .compose(rows -> {
          long sessionId = rows.property(MySQLClient.LAST_INSERTED_ID);
          return addToken(client, sessionId).map(token -> new Issued(userId, sessionId, token, checkedAt));
        });
  }

  Future<Issued> open(long userId) {
    return Transactions.withRetry(pool, conn -> open(conn, userId));
  }

  /**
   * Opens a session only if the password hash is still the one just verified: a password change
   * committed in between (which locks the same row) makes the login fail instead of outliving it.
   */
  Future<Issued> openIfPasswordUnchanged(long userId, String verifiedHash) {
    return Transactions.withRetry(pool, conn -> conn
        .preparedQuery("SELECT password_hash FROM app_user WHERE id = ? FOR UPDATE")
        .execute(Tuple.of(userId))
        .compose(rows -> rows.size() == 1 && verifiedHash.equals(rows.iterator().next().getString(0))
            ? open(conn, userId)
            : Future.succeededFuture(null)));
  }

  Future<Rotation> rotate(String refreshToken) {
    long checkedAt = System.currentTimeMillis();
    return Transactions.withRetry(pool, conn -> conn.preparedQuery(
                "SELECT rt.id, rt.session_id, rt.expires_at, rt.rotated_at, s.user_id, s.revoked_at "
                    + "FROM refresh_token rt JOIN user_session s ON s.id = rt.session_id "
                    + "WHERE rt.token_hash = ? FOR UPDATE")
            .execute(Tuple.of(TokenIssuer.sha256(refreshToken)))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Rotation.INVALID);
              }
              Row row = rows.iterator().next();
              long sessionId = row.getLong("session_id");
              if (row.getLocalDateTime("revoked_at") != null) {
                return Future.succeededFuture(Rotation.INVALID);
              }
              if (row.getLocalDateTime("rotated_at") != null) {
                // someone holds a token that was already exchanged: end the whole family
                return revokeSession(conn, sessionId, "reuse")
                    .map(new Rotation(null, sessionId, row.getLong("user_id")));
              }
              if (row.getLocalDateTime("expires_at").isBefore(Times.nowUtc())) {
                return Future.succeededFuture(Rotation.INVALID);
              }
              long userId = row.getLong("user_id");
              return conn.preparedQuery("UPDATE refresh_token SET rotated_at = ? WHERE id = ?")
                  .execute(Tuple.of(Times.nowUtc(), row.getLong("id")))
                  .compose(x -> addToken(conn, sessionId))
                  .map(token -> new Rotation(new Issued(userId, sessionId, token, checkedAt), null, null));
            }));
  }

  /** Revokes the session that a refresh token belongs to; null when the token names no live session. */
  Future<Ended> revokeByToken(String refreshToken, String reason) {
    return Transactions.withRetry(pool, conn -> conn.preparedQuery("SELECT s.id, s.user_id FROM user_session s "
                + "JOIN refresh_token rt ON rt.session_id = s.id WHERE rt.token_hash = ? AND s.revoked_at IS NULL "
                + "FOR UPDATE")
        .execute(Tuple.of(TokenIssuer.sha256(refreshToken)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row row = rows.iterator().next();
          Ended ended = new Ended(row.getLong("user_id"), row.getLong("id"));
          return revokeSession(conn, ended.sessionId(), reason).map(ended);
        }));
  }

  /** The sessions ended since that time (UTC), whatever ended them. */
  Future<java.util.List<Revoked>> revokedSince(LocalDateTime since) {
    return pool.preparedQuery("SELECT user_id, id, revoked_at FROM user_session WHERE revoked_at > ?")
        .execute(Tuple.of(since))
        .map(rows -> {
          java.util.List<Revoked> revoked = new java.util.ArrayList<>(rows.size());
          for (Row row : rows) {
            revoked.add(new Revoked(row.getLong(0), row.getLong(1), row.getLocalDateTime(2)));
          }
          return revoked;
        });
  }

  Future<Void> revokeAllOfUser(SqlClient client, long userId, String reason) {
    return client.preparedQuery("UPDATE user_session SET revoked_at = ?, revoke_reason = ? "
            + "WHERE user_id = ? AND revoked_at IS NULL")
        .execute(Tuple.of(Times.nowUtc(), reason, userId))
        .mapEmpty();
  }

  private Future<Void> revokeSession(SqlClient client, long sessionId, String reason) {
    return client.preparedQuery("UPDATE user_session SET revoked_at = ?, revoke_reason = ? WHERE id = ?")
        .execute(Tuple.of(Times.nowUtc(), reason, sessionId))
        .mapEmpty();
  }

  private Future<String> addToken(SqlClient client, long sessionId) {
    String token = TokenIssuer.newSecret();
    LocalDateTime now = Times.nowUtc();
    return client.preparedQuery("INSERT INTO refresh_token (token_hash, session_id, expires_at, created_at) "
            + "VALUES (?, ?, ?, ?)")
        .execute(Tuple.of(TokenIssuer.sha256(token), sessionId, now.plus(refreshLifetime), now))
        .map(token);
  }
}
