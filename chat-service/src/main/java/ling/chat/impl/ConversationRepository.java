package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import ling.api.Failures;
import ling.api.chat.ChatService;
import ling.api.chat.MembershipChange;
import ling.common.Times;
import ling.common.db.Transactions;

/** Conversations and their members ({@code conversation}, {@code conversation_member}). */
final class ConversationRepository {

  private final Pool pool;

  ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Where a change was applied, and whether it was (not a repeat of one applied before). */
  record Applied(long conversationId, boolean changed) {
  }

  /**
   * Applies one membership change in a transaction of its own, exactly once and in order: a change
   * numbered at or below the conversation's last is a repeat and changes nothing; one further
   * ahead than the next is refused, for its predecessor to be applied first. A conversation that
   * does not exist yet is made by the change that opens it, whatever its number.
   */
  Future<Applied> apply(MembershipChange change) {
    boolean direct = change.direct();
    String keyColumn = direct ? "direct_key" : "group_id";
    Object key = direct ? change.getUserIds().get(0) + ":" + change.getUserIds().get(1) : change.getGroupId();
    boolean opens = MembershipChange.OPEN_GROUP.equals(change.getKind())
        || MembershipChange.OPEN_DIRECT.equals(change.getKind());
    return Transactions.withRetry(pool, conn -> (opens ? created(conn, direct, keyColumn, key, change.getSeq())
        : lockedByKey(conn, keyColumn, key)).compose(found -> {
          if (found.isEmpty()) {
            // a closing change for a pair that never had a conversation has nothing to close
            return direct ? Future.succeededFuture(new Applied(0, false))
                : Future.failedFuture(Failures.of(ChatService.CHANGE_OUT_OF_ORDER, "the group's conversation is not open yet"));
          }
          long id = found.get()[0];
          long last = found.get()[1];
          if (change.getSeq() <= last) {
            return Future.succeededFuture(new Applied(id, false));
          }
          if (change.getSeq() > last + 1) {
            return Future.failedFuture(Failures.of(ChatService.CHANGE_OUT_OF_ORDER,
                "change " + change.getSeq() + " came before change " + (last + 1)));
          }
          return conn.preparedQuery("UPDATE conversation SET membership_seq = ? WHERE id = ?")
              .execute(Tuple.of(change.getSeq(), id))
              .compose(x -> applyTo(conn, id, change))
              .map(new Applied(id, true));
        }));
  }

  /**
   * The conversation a change opens, made if it does not exist yet as if its previous change had
   * been applied, then locked. Inserting first, rather than locking a key that may be missing,
   * takes no gap lock: concurrent opens of different conversations do not deadlock.
   */
  private static Future<Optional<long[]>> created(SqlConnection conn, boolean direct, String keyColumn, Object key,
                                                  long seq) {
    LocalDateTime now = Times.nowUtc();
    return conn.preparedQuery("INSERT INTO conversation (type, " + keyColumn + ", membership_seq, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)")
        .execute(Tuple.of(direct ? "direct" : "group", key, seq - 1, now, now))
        .map(rows -> (long) rows.property(MySQLClient.LAST_INSERTED_ID))
        .compose(id -> conn.preparedQuery("SELECT id, membership_seq FROM conversation WHERE id = ? FOR UPDATE")
            .execute(Tuple.of(id)))
        .map(rows -> Optional.of(new long[] {rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)}));
  }

  /** {id, membership_seq} of the conversation, locked until the transaction ends. */
  private static Future<Optional<long[]>> lockedByKey(SqlConnection conn, String keyColumn, Object key) {
    return conn.preparedQuery("SELECT id, membership_seq FROM conversation WHERE " + keyColumn + " = ? FOR UPDATE")
        .execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(new long[] {rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)}));
  }

  private Future<Void> applyTo(SqlConnection conn, long id, MembershipChange change) {
    LocalDateTime now = Times.nowUtc();
    List<Long> users = change.getUserIds();
    return switch (change.getKind()) {
      case MembershipChange.OPEN_GROUP -> join(conn, id, users)
          .compose(x -> setRole(conn, id, List.of(change.getOwnerId()), "owner"));
      case MembershipChange.OPEN_DIRECT -> conn.preparedQuery("UPDATE conversation SET closed_at = NULL, updated_at = ? WHERE id = ?")
          .execute(Tuple.of(now, id)).compose(x -> join(conn, id, users));
      // a member who comes back starts as a member again, whatever they were before leaving
      case MembershipChange.ADD -> join(conn, id, users).compose(x -> setRole(conn, id, users, "member"));
      case MembershipChange.REMOVE -> users.isEmpty() ? Future.succeededFuture()
          : conn.preparedQuery("UPDATE conversation_member SET left_at = ? WHERE conversation_id = ? AND user_id = ? AND left_at IS NULL")
              .executeBatch(users.stream().map(u -> Tuple.of(now, id, u)).toList()).mapEmpty();
      case MembershipChange.ROLE -> setRole(conn, id, users, change.getRole());
      case MembershipChange.CLOSE_GROUP, MembershipChange.CLOSE_DIRECT ->
          conn.preparedQuery("UPDATE conversation SET closed_at = ?, updated_at = ? WHERE id = ?")
              .execute(Tuple.of(now, now, id)).mapEmpty();
      default -> Future.failedFuture(Failures.invalid("kind", "is not a membership change"));
    };
  }

  private static Future<Void> setRole(SqlConnection conn, long id, List<Long> users, String role) {
    if (users.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("UPDATE conversation_member SET role = ? WHERE conversation_id = ? AND user_id = ?")
        .executeBatch(users.stream().map(u -> Tuple.of(role, id, u)).toList()).mapEmpty();
  }

  /** Makes users active members (rejoining clears {@code left_at}). */
  private Future<Void> join(SqlConnection conn, long conversationId, List<Long> userIds) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = Times.nowUtc();
    return conn.preparedQuery("INSERT INTO conversation_member (conversation_id, user_id, joined_at) VALUES (?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE joined_at = IF(left_at IS NULL, joined_at, VALUES(joined_at)), left_at = NULL")
        .executeBatch(userIds.stream().map(u -> Tuple.of(conversationId, u, now)).toList())
        .mapEmpty();
  }
}
