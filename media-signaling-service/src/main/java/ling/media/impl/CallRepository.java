package ling.media.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ling.common.db.Rows;

/** SQL of calls, their participants and the users' call lines. */
final class CallRepository {

  static final String RINGING = "ringing";
  static final String ACTIVE = "active";
  static final String ENDED = "ended";
  static final String INVITED = "invited";
  static final String JOINED = "joined";
  static final String LEFT = "left";

  /** A call as stored. */
  record CallRow(long id, long conversationId, boolean group, String media, long callerId, String state,
                 String outcome, LocalDateTime createdAt, LocalDateTime connectedAt, LocalDateTime endedAt) {
    boolean ended() {
      return ENDED.equals(state);
    }
  }

  /** One user's part in a call. */
  record Participant(long userId, String state, String socketId) {
    boolean joined() {
      return JOINED.equals(state);
    }
  }

  private static final String CALL_COLUMNS = "id, conversation_id, is_group, media, caller_id, state, outcome, "
      + "created_at, connected_at, ended_at";

  private final Pool pool;

  CallRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** A new call, or empty when the conversation already has one that has not ended. */
  Future<Optional<Long>> insert(SqlConnection conn, long conversationId, boolean group, String media, long callerId,
                                String state, LocalDateTime now, LocalDateTime ringDeadline) {
    return conn.preparedQuery("INSERT IGNORE INTO call_session (conversation_id, is_group, media, caller_id, state, "
            + "created_at, ring_deadline, connected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {conversationId, group, media, callerId, state, now, ringDeadline,
            ACTIVE.equals(state) ? now : null}))
        .map(rows -> rows.rowCount() == 0 ? Optional.empty()
            : Optional.of(rows.property(MySQLClient.LAST_INSERTED_ID)));
  }

  Future<Optional<Long>> liveIn(SqlConnection conn, long conversationId) {
    return conn.preparedQuery("SELECT id FROM call_session WHERE live_conversation = ? FOR UPDATE")
        .execute(Tuple.of(conversationId))
        .map(rows -> Rows.first(rows, row -> row.getLong(0)));
  }

  /** The call, locked for the rest of the transaction: changes to one call happen one at a time. */
  Future<Optional<CallRow>> lock(SqlConnection conn, long callId) {
    return conn.preparedQuery("SELECT " + CALL_COLUMNS + " FROM call_session WHERE id = ? FOR UPDATE")
        .execute(Tuple.of(callId))
        .map(rows -> Rows.first(rows, CallRepository::call));
  }

  Future<Optional<CallRow>> find(SqlClient client, long callId) {
    return client.preparedQuery("SELECT " + CALL_COLUMNS + " FROM call_session WHERE id = ?")
        .execute(Tuple.of(callId))
        .map(rows -> Rows.first(rows, CallRepository::call));
  }

  Future<List<Participant>> participants(SqlClient client, long callId) {
    return client.preparedQuery("SELECT user_id, state, socket_id FROM call_participant WHERE call_id = ?")
        .execute(Tuple.of(callId))
        .map(rows -> Rows.all(rows, CallRepository::participant));
  }

  Future<Void> addParticipants(SqlConnection conn, long callId, List<Long> userIds, String state) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>(userIds.size());
    userIds.forEach(id -> batch.add(Tuple.of(callId, id, state)));
    return conn.preparedQuery("INSERT IGNORE INTO call_participant (call_id, user_id, state) VALUES (?, ?, ?)")
        .executeBatch(batch).mapEmpty();
  }

  Future<Void> join(SqlConnection conn, long callId, long userId, String socketId, LocalDateTime now) {
    return conn.preparedQuery("INSERT INTO call_participant (call_id, user_id, state, socket_id, joined_at) "
            + "VALUES (?, ?, 'joined', ?, ?) ON DUPLICATE KEY UPDATE state = 'joined', socket_id = VALUES(socket_id), "
            + "joined_at = VALUES(joined_at), left_at = NULL")
        .execute(Tuple.of(callId, userId, socketId, now)).mapEmpty();
  }

  Future<Void> leave(SqlConnection conn, long callId, long userId, LocalDateTime now) {
    return conn.preparedQuery("UPDATE call_participant SET state = 'left', left_at = ? WHERE call_id = ? AND user_id = ? "
            + "AND state = 'joined'")
        .execute(Tuple.of(now, callId, userId))
        .compose(x -> freeLine(conn, callId, userId));
  }

  /** Takes the user's line for this call; false when the user is busy with another call. */
  Future<Boolean> takeLine(SqlConnection conn, long userId, long callId) {
    return conn.preparedQuery("INSERT IGNORE INTO call_line (user_id, call_id) VALUES (?, ?)")
        .execute(Tuple.of(userId, callId))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(true)
            : conn.preparedQuery("SELECT call_id FROM call_line WHERE user_id = ?").execute(Tuple.of(userId))
                .map(held -> Rows.first(held, row -> row.getLong(0)).orElse(-1L) == callId));
  }

  Future<Void> freeLine(SqlConnection conn, long callId, long userId) {
    return conn.preparedQuery("DELETE FROM call_line WHERE user_id = ? AND call_id = ?")
        .execute(Tuple.of(userId, callId)).mapEmpty();
  }

  Future<Void> connect(SqlConnection conn, long callId, LocalDateTime now) {
    return conn.preparedQuery("UPDATE call_session SET state = 'active', connected_at = ?, ring_deadline = NULL "
            + "WHERE id = ?")
        .execute(Tuple.of(now, callId)).mapEmpty();
  }

  /** Ends the call: every participant has left and every line it held is free. */
  Future<Void> end(SqlConnection conn, long callId, String outcome, LocalDateTime now) {
    return conn.preparedQuery("UPDATE call_session SET state = 'ended', outcome = ?, ended_at = ?, ring_deadline = NULL "
            + "WHERE id = ?")
        .execute(Tuple.of(outcome, now, callId))
        .compose(x -> conn.preparedQuery("UPDATE call_participant SET state = 'left', left_at = ? "
            + "WHERE call_id = ? AND state = 'joined'").execute(Tuple.of(now, callId)))
        .compose(x -> conn.preparedQuery("DELETE FROM call_line WHERE call_id = ?").execute(Tuple.of(callId)))
        .mapEmpty();
  }

  Future<List<Long>> ringingPast(LocalDateTime now, int limit) {
    return pool.preparedQuery("SELECT id FROM call_session WHERE state = 'ringing' AND ring_deadline < ? LIMIT ?")
        .execute(Tuple.of(now, limit))
        .map(rows -> Rows.all(rows, row -> row.getLong(0)));
  }

  /** Ended calls whose message has not been written, ended before the given time. */
  Future<List<CallRow>> unrecorded(LocalDateTime endedBefore, int limit) {
    return pool.preparedQuery("SELECT " + CALL_COLUMNS + " FROM call_session WHERE recorded = FALSE AND state = 'ended' "
            + "AND ended_at < ? LIMIT ?")
        .execute(Tuple.of(endedBefore, limit))
        .map(rows -> Rows.all(rows, CallRepository::call));
  }

  Future<Void> markRecorded(long callId) {
    return pool.preparedQuery("UPDATE call_session SET recorded = TRUE WHERE id = ?").execute(Tuple.of(callId))
        .mapEmpty();
  }

  /** Calls not ended in which this socket takes part. */
  Future<List<Long>> callsOfSocket(long userId, String socketId) {
    return pool.preparedQuery("SELECT p.call_id FROM call_participant p JOIN call_session c ON c.id = p.call_id "
            + "WHERE p.socket_id = ? AND p.user_id = ? AND p.state = 'joined' AND c.state <> 'ended'")
        .execute(Tuple.of(socketId, userId))
        .map(rows -> Rows.all(rows, row -> row.getLong(0)));
  }

  /** (user, socket) of every joined participant whose socket was on this gateway node. */
  Future<List<Participant>> participantsOnNode(String nodeId) {
    String prefix = nodeId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
    return pool.preparedQuery("SELECT p.user_id, p.state, p.socket_id FROM call_participant p JOIN call_session c "
            + "ON c.id = p.call_id WHERE p.socket_id LIKE ? AND p.state = 'joined' AND c.state <> 'ended'")
        .execute(Tuple.of(prefix))
        .map(rows -> Rows.all(rows, CallRepository::participant));
  }

  private static CallRow call(Row row) {
    return new CallRow(row.getLong("id"), row.getLong("conversation_id"), row.getBoolean("is_group"),
        row.getString("media"), row.getLong("caller_id"), row.getString("state"), row.getString("outcome"),
        row.getLocalDateTime("created_at"), row.getLocalDateTime("connected_at"), row.getLocalDateTime("ended_at"));
  }

  private static Participant participant(Row row) {
    return new Participant(row.getLong("user_id"), row.getString("state"), row.getString("socket_id"));
  }
}
