package ling.account.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ling.account.impl.UserRepository.UserRow;
import ling.common.Times;
import ling.common.db.Rows;

/** Groups ({@code chat_group}), their members ({@code group_member}) and join requests. Dissolved groups are gone. */
final class GroupRepository {

  record GroupRow(long id, String name, Long avatarFileId, String announcement, long ownerId, String joinPolicy,
                  Long conversationId, int memberCount, LocalDateTime createdAt) {
  }

  record MemberRow(UserRow user, String role, String nickname, LocalDateTime joinedAt) {
  }

  record JoinRequestRow(long id, long groupId, long userId, String message, String status, LocalDateTime createdAt) {
  }

  private static final String SELECT_GROUP = "SELECT g.* FROM chat_group g ";
  private static final String SELECT_MEMBERS = "SELECT " + UserRepository.COLUMNS_AS_SEEN_BY
      + ", m.role, m.nickname, m.joined_at FROM group_member m JOIN app_user u ON u.id = m.user_id WHERE m.group_id = ? ";

  private final Pool pool;

  GroupRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Long> insert(SqlClient client, String name, Long avatarFileId, String joinPolicy, long ownerId) {
    LocalDateTime now = Times.nowUtc();
    return client.preparedQuery("INSERT INTO chat_group (name, avatar_file_id, join_policy, owner_id, created_at, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(name, avatarFileId, joinPolicy, ownerId, now, now))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  /** True when the group did not know its conversation yet. */
  Future<Boolean> setConversation(long groupId, long conversationId) {
    return pool.preparedQuery("UPDATE chat_group SET conversation_id = ? WHERE id = ? AND conversation_id IS NULL")
        .execute(Tuple.of(conversationId, groupId)).map(rows -> rows.rowCount() > 0);
  }

  Future<Optional<GroupRow>> find(long groupId) {
    return pool.preparedQuery(SELECT_GROUP + "WHERE g.id = ? AND g.dissolved_at IS NULL").execute(Tuple.of(groupId))
        .map(rows -> Rows.first(rows, GroupRepository::mapGroup));
  }

  /** Locks a live group for a change of its members. */
  Future<Optional<GroupRow>> lock(SqlConnection conn, long groupId) {
    return conn.preparedQuery(SELECT_GROUP + "WHERE g.id = ? AND g.dissolved_at IS NULL FOR UPDATE")
        .execute(Tuple.of(groupId))
        .map(rows -> Rows.first(rows, GroupRepository::mapGroup));
  }

  Future<List<GroupRow>> ofMember(long userId) {
    return pool.preparedQuery(SELECT_GROUP + "JOIN group_member m ON m.group_id = g.id "
            + "WHERE m.user_id = ? AND g.dissolved_at IS NULL ORDER BY g.id")
        .execute(Tuple.of(userId))
        .map(rows -> Rows.all(rows, GroupRepository::mapGroup));
  }

  /** Groups whose name contains the (LIKE-escaped) text; invite-only ones only where the viewer is a member. */
  Future<List<GroupRow>> search(long viewerId, String likeEscaped, int limit) {
    return pool.preparedQuery(SELECT_GROUP + "WHERE g.name LIKE ? AND g.dissolved_at IS NULL AND (g.join_policy <> "
            + "'invite' OR EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id AND m.user_id = ?)) "
            + "ORDER BY g.id DESC LIMIT ?")
        .execute(Tuple.of("%" + likeEscaped + "%", viewerId, limit))
        .map(rows -> Rows.all(rows, GroupRepository::mapGroup));
  }

  Future<Void> update(SqlClient client, long groupId, Map<String, Object> columns) {
    StringBuilder sql = new StringBuilder("UPDATE chat_group SET updated_at = ?");
    Tuple params = Tuple.of(Times.nowUtc());
    columns.forEach((column, value) -> {
      sql.append(", ").append(column).append(" = ?");
      params.addValue(value);
    });
    sql.append(" WHERE id = ?");
    params.addValue(groupId);
    return client.preparedQuery(sql.toString()).execute(params).mapEmpty();
  }

  /** The member's role, or null for a non-member. */
  Future<String> role(long groupId, long userId) {
    return role(pool, groupId, userId);
  }

  Future<String> role(SqlClient client, long groupId, long userId) {
    return client.preparedQuery("SELECT role FROM group_member WHERE group_id = ? AND user_id = ?")
        .execute(Tuple.of(groupId, userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  Future<List<MemberRow>> members(long viewerId, long groupId) {
    return pool.preparedQuery(SELECT_MEMBERS + "ORDER BY FIELD(m.role, 'owner', 'admin', 'member'), m.joined_at")
        .execute(Tuple.of(viewerId, viewerId, groupId))
        .map(rows -> Rows.all(rows, GroupRepository::mapMember));
  }

  Future<Optional<MemberRow>> member(long viewerId, long groupId, long userId) {
    return pool.preparedQuery(SELECT_MEMBERS + "AND m.user_id = ?")
        .execute(Tuple.of(viewerId, viewerId, groupId, userId))
        .map(rows -> Rows.first(rows, GroupRepository::mapMember));
  }

  Future<List<Long>> memberIds(SqlClient client, long groupId) {
    return client.preparedQuery("SELECT user_id FROM group_member WHERE group_id = ?").execute(Tuple.of(groupId))
        .map(rows -> Rows.all(rows, row -> row.getLong(0)));
  }

  Future<List<Long>> memberIds(long groupId) {
    return memberIds(pool, groupId);
  }

  /** Adds members (those already in are left as they are) and recounts. */
  Future<Void> addMembers(SqlClient client, long groupId, List<Long> userIds, String role) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = Times.nowUtc();
    return client.preparedQuery("INSERT IGNORE INTO group_member (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")
        .executeBatch(userIds.stream().map(id -> Tuple.of(groupId, id, role, now)).toList())
        .compose(x -> recount(client, groupId));
  }

  Future<Void> removeMember(SqlClient client, long groupId, long userId) {
    return client.preparedQuery("DELETE FROM group_member WHERE group_id = ? AND user_id = ?")
        .execute(Tuple.of(groupId, userId))
        .compose(x -> recount(client, groupId));
  }

  Future<Void> setMember(SqlClient client, long groupId, long userId, String column, Object value) {
    return client.preparedQuery("UPDATE group_member SET " + column + " = ? WHERE group_id = ? AND user_id = ?")
        .execute(Tuple.of(value, groupId, userId)).mapEmpty();
  }

  /** Fails with a duplicate-key error when the user already has a pending request to the group. */
  Future<Long> insertJoinRequest(long groupId, long userId, String message) {
    return pool.preparedQuery("INSERT INTO group_join_request (group_id, user_id, message, status, pending_key, "
            + "created_at) VALUES (?, ?, ?, 'pending', ?, ?)")
        .execute(Tuple.of(groupId, userId, message, groupId + ":" + userId, Times.nowUtc()))
        .map(rows -> rows.property(MySQLClient.LAST_INSERTED_ID));
  }

  Future<Optional<JoinRequestRow>> joinRequest(long requestId) {
    return pool.preparedQuery("SELECT * FROM group_join_request WHERE id = ?").execute(Tuple.of(requestId))
        .map(rows -> Rows.first(rows, GroupRepository::mapRequest));
  }

  Future<Optional<JoinRequestRow>> lockPendingJoinRequest(SqlConnection conn, long groupId, long requestId) {
    return conn.preparedQuery("SELECT * FROM group_join_request WHERE id = ? AND group_id = ? AND status = 'pending' "
            + "FOR UPDATE")
        .execute(Tuple.of(requestId, groupId))
        .map(rows -> Rows.first(rows, GroupRepository::mapRequest));
  }

  Future<List<JoinRequestRow>> pendingJoinRequests(long groupId) {
    return pool.preparedQuery("SELECT * FROM group_join_request WHERE group_id = ? AND status = 'pending' ORDER BY id")
        .execute(Tuple.of(groupId))
        .map(rows -> Rows.all(rows, GroupRepository::mapRequest));
  }

  /** Closes the user's pending request to the group, if any. */
  Future<Void> decideJoinRequest(SqlClient client, long groupId, long userId, String status, long decidedBy) {
    return client.preparedQuery("UPDATE group_join_request SET status = ?, pending_key = NULL, decided_at = ?, "
            + "decided_by = ? WHERE pending_key = ?")
        .execute(Tuple.of(status, Times.nowUtc(), decidedBy, groupId + ":" + userId)).mapEmpty();
  }

  /** Ends the group: it disappears, and so do its members and pending requests. */
  Future<Void> dissolve(SqlClient client, long groupId) {
    return client.preparedQuery("UPDATE chat_group SET dissolved_at = ?, member_count = 0 WHERE id = ?")
        .execute(Tuple.of(Times.nowUtc(), groupId))
        .compose(x -> client.preparedQuery("DELETE FROM group_member WHERE group_id = ?").execute(Tuple.of(groupId)))
        .compose(x -> client.preparedQuery("UPDATE group_join_request SET status = 'rejected', pending_key = NULL "
            + "WHERE group_id = ? AND status = 'pending'").execute(Tuple.of(groupId)))
        .mapEmpty();
  }

  private static Future<Void> recount(SqlClient client, long groupId) {
    return client.preparedQuery("UPDATE chat_group SET member_count = "
            + "(SELECT COUNT(*) FROM group_member WHERE group_id = ?) WHERE id = ?")
        .execute(Tuple.of(groupId, groupId)).mapEmpty();
  }

  private static GroupRow mapGroup(Row row) {
    return new GroupRow(row.getLong("id"), row.getString("name"), row.getLong("avatar_file_id"),
        row.getString("announcement"), row.getLong("owner_id"), row.getString("join_policy"),
        row.getLong("conversation_id"), row.getInteger("member_count"), row.getLocalDateTime("created_at"));
  }

  private static MemberRow mapMember(Row row) {
    return new MemberRow(UserRepository.map(row), row.getString("role"), row.getString("nickname"),
        row.getLocalDateTime("joined_at"));
  }

  private static JoinRequestRow mapRequest(Row row) {
    return new JoinRequestRow(row.getLong("id"), row.getLong("group_id"), row.getLong("user_id"),
        row.getString("message"), row.getString("status"), row.getLocalDateTime("created_at"));
  }
}
