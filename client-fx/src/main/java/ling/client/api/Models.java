package ling.client.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The contract's objects as the client reads them. */
public final class Models {

  private Models() {
  }

  public record User(long id, String username, String displayName, String avatarUrl, String signature,
                     boolean online, String email, String phone, String createdAt) {
    /** What to call the user: the display name, else the username. */
    public String name() {
      return displayName != null && !displayName.isBlank() ? displayName : username;
    }
  }

  public record AuthResult(User user, String accessToken, String refreshToken, int expiresIn) {
  }

  public record Friend(User user, String remark, long groupId, long conversationId, String since) {
    /** The remark if the user gave one, else the friend's own name. */
    public String shownName() {
      return remark != null && !remark.isBlank() ? remark : user.name();
    }
  }

  public record FriendRequest(long id, User from, User to, String message, String status, String createdAt) {
  }

  public record FriendFolder(long id, String name, boolean defaultFolder, int friendCount) {
  }

  public record Group(long id, String name, String avatarUrl, String announcement, long ownerId, int memberCount,
                     long conversationId, String joinPolicy, String createdAt) {
  }

  public record GroupMember(User user, String role, String nickname, String joinedAt) {
  }

  public record FileRef(long fileId, String name, long size, String mime, String sha256, Integer width,
                        Integer height, Long durationMs, String url, String thumbnailUrl) {
    public boolean isImage() {
      return mime != null && mime.startsWith("image/") && width != null;
    }

    /** A video the client plays itself (H.264 in MP4, what phones and cameras make). */
    public boolean isVideo() {
      return "video/mp4".equals(mime);
    }
  }

  public record CallSummary(String media, String outcome, long durationMs) {
  }

  public record Message(long id, long conversationId, long seq, long senderId, String clientMsgId, String kind,
                        String text, FileRef file, Long replyToId, CallSummary call, JsonNode system,
                        String createdAt, boolean recalled, List<Long> mentions, Boolean mentionAll) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Message {
    }

    /** A message that mentions no one. */
    public Message(long id, long conversationId, long seq, long senderId, String clientMsgId, String kind,
                   String text, FileRef file, Long replyToId, CallSummary call, JsonNode system,
                   String createdAt, boolean recalled) {
      this(id, conversationId, seq, senderId, clientMsgId, kind, text, file, replyToId, call, system, createdAt,
          recalled, null, null);
    }

    /** Whether it mentions the user, by name or as everyone. */
    public boolean mentions(long userId) {
      return Boolean.TRUE.equals(mentionAll) || mentions != null && mentions.contains(userId);
    }
  }

  public record Conversation(long id, String type, User peer, Group group, Message lastMessage, long lastSeq,
                             long readSeq, long unreadCount, boolean muted, boolean pinned, boolean closed,
                             String updatedAt, long unreadMentions) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Conversation {
    }

    /** A row without unread mentions. */
    public Conversation(long id, String type, User peer, Group group, Message lastMessage, long lastSeq,
                        long readSeq, long unreadCount, boolean muted, boolean pinned, boolean closed,
                        String updatedAt) {
      this(id, type, peer, group, lastMessage, lastSeq, readSeq, unreadCount, muted, pinned, closed, updatedAt, 0);
    }

    public boolean isGroup() {
      return "group".equals(type);
    }
  }

  /** The AI assistant as the user sees it, and what the user may still ask it. */
  public record AssistantStatus(long userId, String displayName, long conversationId, int questionsPerWindow,
                                int remaining, String resetsAt, boolean answering) {
  }

  public record DeviceLink(String linkId, String code, int expiresIn) {
  }

  /** Lists arrive as JSON arrays of these. */
  public record Page<T>(List<T> items) {
  }
}
