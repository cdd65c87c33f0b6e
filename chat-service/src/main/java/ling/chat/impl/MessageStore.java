package ling.chat.impl;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import ling.api.chat.SendRequest;
import ling.chat.impl.MessageRepository.MessageRow;
import ling.common.Times;

/**
 * Stores new messages: the send path, where many units of sends go to the database in one round
 * trip and one commit, each commit fenced by the epoch its conversations are owned under; and
 * the messages the server makes itself.
 */
final class MessageStore {

  private final Pool pool;
  /** For the send path only: autocommit off, every use ends in COMMIT or ROLLBACK. */
  private final Pool sendPool;

  MessageStore(Pool pool, Pool sendPool) {
    this.pool = pool;
    this.sendPool = sendPool;
  }

  /**
   * One sender's run of sends to one conversation, stored together and in this order; {@code metas}
   * holds what a send stores beside its text (a file's description), by clientMsgId.
   */
  record Unit(long conversationId, long senderId, List<SendRequest> sends, java.util.Map<String, String> metas) {
  }

  /** A message of a stored batch: the unit it answers and whether this batch stored it. */
  record Stored(int unit, boolean fresh, MessageRow row) {
  }

  // The send path. A unit's statements do not wait for each other's results: the seq statement
  // leaves the unit's new last seq in a session variable that the inserts and the read mark
  // use, so that a whole group of units goes to the database in one round trip.
  private static final String TAKE_SEQS = "UPDATE conversation c JOIN conversation_member m ON m.conversation_id = c.id "
      + "SET c.last_seq = LAST_INSERT_ID(@ling_seq := c.last_seq + ?), c.updated_at = ? "
      + "WHERE c.id = ? AND c.closed_at IS NULL AND m.user_id = ? AND m.left_at IS NULL";
  private static final String INSERT_SEND = "INSERT INTO message (conversation_id, seq, sender_id, client_msg_id, kind, "
      + "body, file_id, reply_to_id, meta, created_at) VALUES (?, @ling_seq - ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String MARK_SENT_READ = "UPDATE conversation_member SET read_seq = @ling_seq "
      + "WHERE conversation_id = ? AND user_id = ? AND read_seq < @ling_seq";

  /** Who a send mentions (user 0: everyone), by its row: it follows the inserts on the same connection. */
  private static final String INSERT_MENTIONS = "INSERT IGNORE INTO message_mention (conversation_id, user_id, seq) "
      + "SELECT conversation_id, ?, seq FROM message WHERE sender_id = ? AND client_msg_id = ?";

  /** The ring moved on from the epoch the sends were owned under: nothing was stored. */
  static final class OwnerChanged extends RuntimeException {
    OwnerChanged() {
      super("the conversation's owner changed", null, false, false);
    }
  }

  /** Some unit of a group may not send (not a member, or closed): nothing of the group was stored. */
  static final class Refused extends RuntimeException {
    Refused() {
      super("a unit of the group may not send", null, false, false);
    }
  }

  /**
   * Whether a multi-row insert's ids follow each other from the one LAST_INSERT_ID reports (a step
   * of {@code auto_increment_increment} apart): so with InnoDB's traditional or consecutive
   * auto-increment lock mode, which only a restart changes. With the interleaved mode the ids are
   * read back by seq.
   */
  private Future<Boolean> consecutiveIds() {
    Future<Boolean> known = consecutiveIds;
    if (known == null || known.failed()) {
      known = pool.query("SELECT @@innodb_autoinc_lock_mode").execute()
          .map(rows -> ((Number) rows.iterator().next().getValue(0)).intValue() <= 1);
      consecutiveIds = known;
    }
    return known;
  }

  private volatile Future<Boolean> consecutiveIds;

  /**
   * Stores a group of units in one transaction, all or nothing: a handful of statements for the
   * whole group (take the seqs, read the senders' standing and the new last seqs, insert the
   * messages, move the senders' read marks), sent together in one round trip, then the commit.
   * Fails, storing nothing, when any unit may not send there ({@link Refused}) or repeats a
   * clientMsgId (a duplicate key): then each unit goes through {@link #storeUnit}. Conversations
   * are listed in id order so that concurrent groups lock them in the same order.
   */
  Future<List<Stored>> storeGroup(List<Unit> units, OwnerRing.Snapshot owner) {
    return consecutiveIds().compose(consecutive -> storeGroup(units, consecutive, owner));
  }

  /** As {@link #storeGroup(List, OwnerRing.Snapshot)}; {@code consecutive} false reads the new ids back by seq. */
  Future<List<Stored>> storeGroup(List<Unit> units, boolean consecutive, OwnerRing.Snapshot owner) {
    LocalDateTime now = Times.nowUtc();
    java.util.TreeMap<Long, List<Integer>> byConversation = new java.util.TreeMap<>();
    for (int i = 0; i < units.size(); i++) {
      byConversation.computeIfAbsent(units.get(i).conversationId(), id -> new ArrayList<>()).add(i);
    }
    int conversationRows = BatchStatements.bucket(byConversation.size());
    Tuple seqs = Tuple.tuple();
    Tuple found = Tuple.tuple();
    Tuple senders = Tuple.tuple();
    Tuple reads = Tuple.tuple();
    List<Object[]> rows = new ArrayList<>();
    int senderRows = 0;
    java.util.Map<Long, Integer> totals = new java.util.HashMap<>();
    for (var entry : byConversation.entrySet()) {
      long conversationId = entry.getKey();
      int n = entry.getValue().stream().mapToInt(i -> units.get(i).sends().size()).sum();
      totals.put(conversationId, n);
      seqs.addLong(conversationId).addInteger(n);
      found.addLong(conversationId).addInteger(n);
      // a send's seq is the conversation's new last seq less the sends after it
      int position = 0;
      java.util.Map<Long, Integer> lastOfSender = new java.util.LinkedHashMap<>();
      for (int i : entry.getValue()) {
        Unit unit = units.get(i);
        for (SendRequest send : unit.sends()) {
          position++;
          rows.add(new Object[] {conversationId, conversationId, n - position, unit.senderId(), send.getClientMsgId(),
              send.getKind(), send.getText(), send.getFileId(), send.getReplyToId(),
              unit.metas().get(send.getClientMsgId()), now});
          lastOfSender.put(unit.senderId(), n - position);
        }
      }
      for (var last : lastOfSender.entrySet()) {
        senders.addLong(conversationId).addLong(last.getKey());
        reads.addLong(conversationId).addLong(last.getKey()).addInteger(last.getValue());
        senderRows++;
      }
    }
    int senderBucket = BatchStatements.bucket(senderRows);
    // padding rows match nothing: no conversation has id 0
    for (int i = byConversation.size(); i < conversationRows; i++) {
      seqs.addLong(0L).addInteger(0);
      found.addLong(0L).addInteger(0);
    }
    for (int i = senderRows; i < senderBucket; i++) {
      senders.addLong(0L).addLong(0L);
      reads.addLong(0L).addLong(0L).addInteger(0);
    }
    seqs.addValue(now);
    int expectedSenders = senderRows;
    return sendPool.withConnection(conn -> {
      List<Future<?>> all = new ArrayList<>();
      // first, before any conversation is locked: the ring's row, shared with other commits
      Future<RowSet<Row>> fence = fence(conn, owner);
      all.add(fence);
      all.add(conn.preparedQuery(BatchStatements.takeSeqs(conversationRows)).execute(seqs));
      Future<RowSet<Row>> standing = conn.preparedQuery(BatchStatements.senders(senderBucket)).execute(senders);
      all.add(standing);
      List<Future<RowSet<Row>>> inserts = new ArrayList<>();
      int from = 0;
      for (int size : BatchStatements.chunks(rows.size())) {
        Tuple chunk = Tuple.tuple();
        rows.subList(from, from + size).forEach(row -> {
          for (Object value : row) {
            chunk.addValue(value);
          }
        });
        inserts.add(conn.preparedQuery(BatchStatements.insert(size)).execute(chunk));
        from += size;
      }
      all.addAll(inserts);
      List<Tuple> mentioned = mentionRows(units);
      if (!mentioned.isEmpty()) {
        all.add(conn.preparedQuery(INSERT_MENTIONS).executeBatch(mentioned));
      }
      Future<RowSet<Row>> ids = consecutive ? null
          : conn.preparedQuery(BatchStatements.stored(conversationRows)).execute(found);
      if (ids != null) {
        all.add(ids);
      }
      all.add(conn.preparedQuery(BatchStatements.markRead(senderBucket)).execute(reads));
      return Future.all(all)
          .compose(x -> {
            if (!fenceHeld(fence, owner)) {
              return Future.failedFuture(new OwnerChanged());
            }
            java.util.Map<Long, Long> lastSeqs = new java.util.HashMap<>();
            int allowed = 0;
            long step = 1;
            for (Row row : standing.result()) {
              step = ((Number) row.getValue(5)).longValue();
              if (((Number) row.getValue(3)).intValue() == 1 && ((Number) row.getValue(4)).intValue() == 1) {
                allowed++;
              }
              lastSeqs.put(row.getLong(0), row.getLong(2));
            }
            if (allowed != expectedSenders) {
              return Future.failedFuture(new Refused());
            }
            List<Long> messageIds = new ArrayList<>();
            if (ids == null) {
              for (int c = 0; c < inserts.size(); c++) {
                long first = inserts.get(c).result().property(MySQLClient.LAST_INSERTED_ID);
                int size = inserts.get(c).result().rowCount();
                for (int k = 0; k < size; k++) {
                  messageIds.add(first + k * step);
                }
              }
            } else {
              java.util.Map<String, Long> bySeq = new java.util.HashMap<>();
              ids.result().forEach(row -> bySeq.put(row.getLong(0) + ":" + row.getLong(1), row.getLong(2)));
              for (Object[] row : rows) {
                long conversationId = (Long) row[0];
                messageIds.add(bySeq.get(conversationId + ":" + (lastSeqs.get(conversationId) - (Integer) row[2])));
              }
            }
            List<Stored> stored = stored(units, byConversation, totals, lastSeqs, messageIds, now);
            return conn.query("COMMIT").execute().map(stored);
          })
          .recover(err -> conn.query("ROLLBACK").execute().transform(x -> Future.<List<Stored>>failedFuture(err)));
    });
  }

  /**
   * Holds the ring's row under a shared lock for the rest of the transaction: a change of owners
   * waits for this commit, and this commit sees whether the epoch it was owned under still holds.
   */
  private static Future<RowSet<Row>> fence(io.vertx.sqlclient.SqlConnection conn, OwnerRing.Snapshot owner) {
    return owner.fenced() ? conn.preparedQuery(RingRepository.FENCE).execute(Tuple.of(owner.ring()))
        : Future.succeededFuture();
  }

  private static boolean fenceHeld(Future<RowSet<Row>> fence, OwnerRing.Snapshot owner) {
    if (!owner.fenced()) {
      return true;
    }
    RowSet<Row> rows = fence.result();
    return rows != null && rows.size() == 1 && rows.iterator().next().getLong(0) == owner.epoch();
  }

  /**
   * The group's rows, unit by unit in send order: the i-th insert row (in conversation order) has
   * the i-th id, and its seq from its conversation's new last seq.
   */
  private static List<Stored> stored(List<Unit> units, java.util.Map<Long, List<Integer>> byConversation,
                                     java.util.Map<Long, Integer> totals, java.util.Map<Long, Long> lastSeqs,
                                     List<Long> ids, LocalDateTime now) {
    List<List<Stored>> byUnit = new ArrayList<>();
    units.forEach(u -> byUnit.add(new ArrayList<>()));
    int row = 0;
    for (var entry : byConversation.entrySet()) {
      long firstSeq = lastSeqs.get(entry.getKey()) - totals.get(entry.getKey()) + 1;
      int position = 0;
      for (int i : entry.getValue()) {
        Unit unit = units.get(i);
        for (SendRequest send : unit.sends()) {
          long id = ids.get(row++);
          byUnit.get(i).add(new Stored(i, true, new MessageRow(id, unit.conversationId(), firstSeq + position++,
              unit.senderId(), send.getClientMsgId(), send.getKind(), send.getText(), send.getFileId(),
              send.getReplyToId(), unit.metas().get(send.getClientMsgId()), now, null)));
        }
      }
    }
    List<Stored> out = new ArrayList<>();
    byUnit.forEach(out::addAll);
    return out;
  }

  /**
   * Stores one unit step by step: the sends stored before are answered with what was stored,
   * the others take their seqs, and nothing is stored when the sender may not send there.
   */
  Future<List<Stored>> storeUnit(Unit unit, OwnerRing.Snapshot owner) {
    LocalDateTime now = Times.nowUtc();
    List<String> ids = unit.sends().stream().map(SendRequest::getClientMsgId).toList();
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Tuple params = Tuple.of(unit.senderId());
    ids.forEach(params::addValue);
    return pool.preparedQuery("SELECT " + MessageRepository.MESSAGE_COLUMNS + " FROM message WHERE sender_id = ? AND client_msg_id IN ("
            + marks + ")")
        .execute(params)
        .compose(rows -> {
          List<Stored> out = new ArrayList<>();
          java.util.Set<String> before = new java.util.HashSet<>();
          rows.forEach(row -> {
            out.add(new Stored(0, false, MessageRepository.map(row)));
            before.add(row.getString("client_msg_id"));
          });
          Unit fresh = new Unit(unit.conversationId(), unit.senderId(),
              unit.sends().stream().filter(s -> !before.contains(s.getClientMsgId())).toList(), unit.metas());
          if (fresh.sends().isEmpty()) {
            return Future.succeededFuture(out);
          }
          return sendPool.withConnection(conn -> fence(conn, owner)
              .compose(held -> fenceHeld(Future.succeededFuture(held), owner) ? Future.succeededFuture()
                  : Future.failedFuture(new OwnerChanged()))
              .compose(x -> conn.preparedQuery(TAKE_SEQS).execute(takeSeqs(fresh, now)))
              .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(List.<Stored>of())
                  : conn.preparedQuery(INSERT_SEND).executeBatch(inserts(fresh, now))
                      .compose(inserted -> mentionRows(List.of(fresh)).isEmpty() ? Future.succeededFuture(inserted)
                          : conn.preparedQuery(INSERT_MENTIONS).executeBatch(mentionRows(List.of(fresh))).map(inserted))
                      .compose(inserted -> conn.preparedQuery(MARK_SENT_READ)
                          .execute(Tuple.of(fresh.conversationId(), fresh.senderId()))
                          .map(x -> stored(0, fresh, updated.property(MySQLClient.LAST_INSERTED_ID), inserted, now))))
              .compose(stored -> conn.query("COMMIT").execute().map(stored))
              .recover(err -> conn.query("ROLLBACK").execute().transform(x -> Future.<List<Stored>>failedFuture(err))))
              .map(stored -> {
                out.addAll(stored);
                return out;
              });
        });
  }

  /** A row per member each send mentions, and one of user 0 for a send that mentions everyone. */
  private static List<Tuple> mentionRows(List<Unit> units) {
    List<Tuple> rows = new ArrayList<>();
    for (Unit unit : units) {
      for (SendRequest send : unit.sends()) {
        if (send.getMentions() != null) {
          send.getMentions().forEach(id -> rows.add(Tuple.of(id, unit.senderId(), send.getClientMsgId())));
        }
        if (send.isMentionAll()) {
          rows.add(Tuple.of(0L, unit.senderId(), send.getClientMsgId()));
        }
      }
    }
    return rows;
  }

  private static Tuple takeSeqs(Unit unit, LocalDateTime now) {
    return Tuple.of(unit.sends().size(), now, unit.conversationId(), unit.senderId());
  }

  private static List<Tuple> inserts(Unit unit, LocalDateTime now) {
    List<Tuple> rows = new ArrayList<>();
    int n = unit.sends().size();
    for (int i = 0; i < n; i++) {
      SendRequest send = unit.sends().get(i);
      rows.add(Tuple.from(new Object[] {unit.conversationId(), n - 1 - i, unit.senderId(), send.getClientMsgId(),
          send.getKind(), send.getText(), send.getFileId(), send.getReplyToId(),
          unit.metas().get(send.getClientMsgId()), now}));
    }
    return rows;
  }

  /** The unit's new rows, from the last seq it took and the id each insert generated. */
  private static List<Stored> stored(int index, Unit unit, long last, RowSet<Row> inserted, LocalDateTime now) {
    List<Stored> out = new ArrayList<>();
    int n = unit.sends().size();
    RowSet<Row> result = inserted;
    for (int i = 0; i < n; i++, result = result.next()) {
      SendRequest send = unit.sends().get(i);
      out.add(new Stored(index, true, new MessageRow(result.property(MySQLClient.LAST_INSERTED_ID),
          unit.conversationId(), last - n + 1 + i, unit.senderId(), send.getClientMsgId(), send.getKind(),
          send.getText(), send.getFileId(), send.getReplyToId(), unit.metas().get(send.getClientMsgId()), now, null)));
    }
    return out;
  }

  /**
   * A message the server makes (a system message, a call record), recorded even in a closed
   * conversation (the closing itself is one): the conversation row's update takes the seq and
   * orders it with concurrent sends.
   */
  Future<Optional<MessageRow>> insertRecord(long conversationId, long senderId, String clientMsgId, String kind,
                                            String body, String meta) {
    LocalDateTime now = Times.nowUtc();
    return pool.withTransaction(conn -> conn
        .preparedQuery("UPDATE conversation SET last_seq = LAST_INSERT_ID(last_seq + 1), updated_at = ? WHERE id = ?")
        .execute(Tuple.of(now, conversationId))
        .compose(updated -> {
          if (updated.rowCount() == 0) {
            return Future.succeededFuture(Optional.<MessageRow>empty());
          }
          long seq = updated.property(MySQLClient.LAST_INSERTED_ID);
          return conn.preparedQuery("INSERT INTO message (conversation_id, seq, sender_id, client_msg_id, kind, body, "
                  + "meta, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
              .execute(Tuple.from(new Object[] {conversationId, seq, senderId, clientMsgId, kind, body, meta, now}))
              .map(inserted -> Optional.of(new MessageRow(inserted.property(MySQLClient.LAST_INSERTED_ID),
                  conversationId, seq, senderId, clientMsgId, kind, body, null, null, meta, now, null)));
        }));
  }

}
