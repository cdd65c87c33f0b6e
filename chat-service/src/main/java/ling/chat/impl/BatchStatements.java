package ling.chat.impl;

import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * The statements that store a whole batch of sends at once. The numbers that steer them travel as
 * a derived table of parameters ({@code SELECT ? AS a, ? AS b UNION ALL SELECT ?, ? ...}) whose row
 * count is rounded up to a power of two, padded with rows that match nothing, so that a connection
 * prepares a few statements of each kind instead of one per batch size. The messages themselves
 * go in as plain VALUES rows (text must reach its column untouched, and a derived table may give a
 * string column a type that drops trailing spaces): a batch of up to {@value #EXACT_CHUNK} in one
 * insert of its size, a larger one in chunks of a power of two and a last one of its size.
 */
final class BatchStatements {

  /** The largest chunk of one insert. */
  static final int MAX_CHUNK = 256;
  /** Inserts of up to this many rows are prepared for each size, so a common batch is one statement. */
  static final int EXACT_CHUNK = 32;

  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  private BatchStatements() {
  }

  /** The rows a batch of {@code n} is padded to. */
  static int bucket(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /**
   * Takes the seqs of the batch's conversations: rows (id, n). A closed conversation is left as it
   * is, and the senders' standing then refuses the batch.
   */
  static String takeSeqs(int rows) {
    return cached("seqs", rows, n -> "UPDATE conversation c JOIN (" + derived(n, "id", "n") + ") u ON u.id = c.id "
        + "SET c.last_seq = c.last_seq + u.n, c.updated_at = ? WHERE c.closed_at IS NULL");
  }

  /**
   * Each sender's standing in its conversation, with the conversation's new last seq: rows (cid,
   * uid) in, one row out per sender whose conversation exists (cid, uid, last_seq, open, member,
   * and the session's auto-increment step, which spaces a multi-row insert's ids). The member rows
   * stay locked until the commit, so a member who leaves meanwhile leaves after these sends.
   */
  static String senders(int rows) {
    return cached("senders", rows, n -> "SELECT r.cid, r.uid, c.last_seq, c.closed_at IS NULL, m.user_id IS NOT NULL, "
        + "@@auto_increment_increment "
        + "FROM (" + derived(n, "cid", "uid") + ") r JOIN conversation c ON c.id = r.cid "
        + "LEFT JOIN conversation_member m ON m.conversation_id = r.cid AND m.user_id = r.uid AND m.left_at IS NULL "
        + "LOCK IN SHARE MODE");
  }

  /**
   * Inserts {@code rows} messages, each at its conversation's new last seq less the sends after it:
   * per row conversation_id, conversation_id again, back, sender_id, client_msg_id, kind, body,
   * file_id, reply_to_id, meta, created_at.
   */
  static String insert(int rows) {
    return cached("insert", rows, n -> "INSERT INTO message (conversation_id, seq, sender_id, client_msg_id, kind, body, "
        + "file_id, reply_to_id, meta, created_at) VALUES "
        + String.join(", ", Collections.nCopies(n,
            "(?, (SELECT c.last_seq FROM conversation c WHERE c.id = ?) - ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
  }

  /**
   * The chunk sizes an insert of {@code n} rows is cut into: powers of two, largest first, until
   * what is left fits one chunk of its own size.
   */
  static java.util.List<Integer> chunks(int n) {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    while (n > 0) {
      int size = n <= EXACT_CHUNK ? n : Integer.highestOneBit(Math.min(n, MAX_CHUNK));
      sizes.add(size);
      n -= size;
    }
    return sizes;
  }

  /**
   * The new messages' ids and seqs, by the conversations' seq index: rows (id, n). Needed only
   * where a multi-row insert's ids may not be consecutive.
   */
  static String stored(int rows) {
    return cached("stored", rows, n -> "SELECT m.conversation_id, m.seq, m.id FROM (" + derived(n, "id", "n") + ") u "
        + "JOIN conversation c ON c.id = u.id JOIN message m ON m.conversation_id = u.id AND m.seq > c.last_seq - u.n");
  }

  /** Each sender's read mark moves to its last message in the batch: rows (cid, uid, back). */
  static String markRead(int rows) {
    return cached("read", rows, n -> "UPDATE conversation_member m JOIN (" + derived(n, "cid", "uid", "back") + ") r "
        + "ON m.conversation_id = r.cid AND m.user_id = r.uid JOIN conversation c ON c.id = r.cid "
        + "SET m.read_seq = c.last_seq - r.back WHERE m.read_seq < c.last_seq - r.back");
  }

  private static String cached(String kind, int rows, IntFunction<String> make) {
    return CACHE.computeIfAbsent(kind + rows, k -> make.apply(rows));
  }

  private static String derived(int rows, String... columns) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.length; i++) {
      sql.append(i == 0 ? "" : ", ").append("? AS ").append(columns[i]);
    }
    String more = " UNION ALL SELECT " + String.join(", ", Collections.nCopies(columns.length, "?"));
    sql.append(more.repeat(rows - 1));
    return sql.toString();
  }
}
