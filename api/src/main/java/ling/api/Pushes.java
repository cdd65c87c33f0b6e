package ling.api;

/**
 * Every event a client's socket receives, defined once: its {@code type} and its fields (the
 * README's WebSocket section is the contract), and how the gateway routes it. Services publish
 * them only through {@code ling.common.push.PushPublisher}, which encodes an event once and sends
 * it to the users' addresses ({@link Addresses#user}) or, for many users, once to every gateway
 * ({@link Addresses#FANOUT}); the routing travels in headers, never in the event.
 */
public final class Pushes {

  // ---- messages (chat-service)

  /** {@code {type, message}}: a new message of a conversation the user is in. */
  public static final String MESSAGE = "message";
  /** {@code {type, conversationId, messageId}}: a message was recalled. */
  public static final String MESSAGE_RECALLED = "message.recalled";
  /** {@code {type, conversationId, userId, seq}}: the peer of a direct conversation read up to seq. */
  public static final String READ = "read";
  /** {@code {type, conversationId, userId}}: a member is typing. */
  public static final String TYPING = "typing";

  // ---- people (account-service)

  /** {@code {type, request}}: someone asked to be the user's friend. */
  public static final String FRIEND_REQUEST = "friend.request";
  /** {@code {type, friend}}: a friendship began. */
  public static final String FRIEND_ADDED = "friend.added";
  /** {@code {type, userId}}: a friendship ended. */
  public static final String FRIEND_REMOVED = "friend.removed";
  /** {@code {type, userId, online}}: a friend's first socket opened or last one closed. */
  public static final String PRESENCE = "presence";
  /** {@code {type, sessionId?}}: the user's session (or all of them) ended; the socket closes with 4401. */
  public static final String SESSION_REVOKED = "session.revoked";

  // ---- groups (account-service)

  /** {@code {type, group}}: a group the user is in was created or changed. */
  public static final String GROUP_UPDATED = "group.updated";
  /** {@code {type, groupId, user}}: someone joined. */
  public static final String GROUP_MEMBER_JOINED = "group.member_joined";
  /** {@code {type, groupId, user}}: someone left or was removed. */
  public static final String GROUP_MEMBER_LEFT = "group.member_left";
  /** {@code {type, groupId, member}}: a member's role or nickname changed. */
  public static final String GROUP_MEMBER_UPDATED = "group.member_updated";
  /** {@code {type, groupId, request}}: someone asks to join (to the owner and admins). */
  public static final String GROUP_JOIN_REQUEST = "group.join_request";
  /** {@code {type, groupId}}: the group was dissolved. */
  public static final String GROUP_DISSOLVED = "group.dissolved";

  // ---- calls (media-signaling-service)

  public static final String CALL_INCOMING = "call.incoming";
  public static final String CALL_ACCEPTED = "call.accepted";
  public static final String CALL_REJECTED = "call.rejected";
  public static final String CALL_ENDED = "call.ended";
  public static final String CALL_PARTICIPANT_JOINED = "call.participant_joined";
  public static final String CALL_PARTICIPANT_LEFT = "call.participant_left";
  public static final String CALL_SIGNAL = "call.signal";

  // ---- the assistant (assistant-service)

  /**
   * {@code {type, conversationId, replyTo, text}}: the assistant's answer so far (the whole text,
   * growing); {@code replyTo} is the question's message id, or 0 for a summary.
   */
  public static final String ASSISTANT_DELTA = "assistant.delta";
  /**
   * {@code {type, conversationId, replyTo, code, message, resetsAt?}}: no answer will come; what was
   * streamed of it is not an answer.
   */
  public static final String ASSISTANT_ERROR = "assistant.error";

  // ---- routing, in headers

  /** Only the socket with this id (a device in a call) gets the event. */
  public static final String ONLY_SOCKET_HEADER = "ling-only-socket";
  /** Every socket of the user but this one gets it (the device that acted already knows). */
  public static final String EXCEPT_SOCKET_HEADER = "ling-except-socket";
  /** Only the sockets of this session get it. */
  public static final String SESSION_HEADER = "ling-session";
  /** The sockets that got it are closed after it, with this close code. */
  public static final String CLOSE_HEADER = "ling-close";

  /** The close code of a socket whose session ended. */
  public static final short CLOSE_REVOKED = 4401;

  private Pushes() {
  }
}
