package ling.assistant.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import ling.api.chat.ChatMessage;
import ling.assistant.impl.ChatCompletions.Turn;

/**
 * What is sent to the backend, within the configured budget of characters: the system prompt, then
 * as many of the latest messages as fit, oldest first. The newest message (the question) is always
 * sent, shortened from its start if it alone is over the budget. Messages without text say what
 * they were ("[image: a.png]"), recalled ones are left out.
 */
final class Context {

  private Context() {
  }

  /** The turns of the user's conversation with the assistant, from its messages oldest first. */
  static List<Turn> conversation(String systemPrompt, List<ChatMessage> messages, long assistantId, int budget) {
    List<Turn> turns = new ArrayList<>();
    Deque<Turn> latest = new ArrayDeque<>();
    int left = budget;
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage message = messages.get(i);
      String content = content(message);
      if (content == null) {
        continue;
      }
      if (content.length() > left) {
        if (latest.isEmpty()) {
          latest.addFirst(new Turn("user", content.substring(content.length() - left)));
        }
        break;
      }
      left -= content.length();
      latest.addFirst(new Turn(message.getSenderId() == assistantId ? "assistant" : "user", content));
    }
    if (!systemPrompt.isBlank()) {
      turns.add(new Turn("system", systemPrompt));
    }
    turns.addAll(latest);
    return turns;
  }

  /**
   * A request to summarise a conversation's unread messages (oldest first): as many of the latest
   * as fit, each with its sender's name, in one user turn after an instruction naming the
   * conversation.
   */
  static List<Turn> summary(String systemPrompt, String conversationName, List<ChatMessage> unread,
                            Map<Long, String> names, int budget) {
    Deque<String> lines = new ArrayDeque<>();
    int left = budget;
    int skipped = 0;
    for (int i = unread.size() - 1; i >= 0; i--) {
      ChatMessage message = unread.get(i);
      String content = content(message);
      if (content == null) {
        continue;
      }
      String line = names.getOrDefault(message.getSenderId(), "user " + message.getSenderId()) + ": " + content;
      if (line.length() + 1 > left) {
        skipped = i + 1;
        break;
      }
      left -= line.length() + 1;
      lines.addFirst(line);
    }
    StringBuilder prompt = new StringBuilder("Summarise the following unread messages of the conversation \"")
        .append(conversationName).append("\" for me: who said what that matters, decisions and questions "
            + "waiting for me. Answer in the language the messages are written in.");
    if (skipped > 0) {
      prompt.append(" (").append(skipped).append(" earlier unread messages did not fit and are left out.)");
    }
    prompt.append("\n\n").append(String.join("\n", lines));
    List<Turn> turns = new ArrayList<>();
    if (!systemPrompt.isBlank()) {
      turns.add(new Turn("system", systemPrompt));
    }
    turns.add(new Turn("user", prompt.toString()));
    return turns;
  }

  private static String content(ChatMessage message) {
    if (message.isRecalled()) {
      return null;
    }
    String kind = message.getKind() == null ? "text" : message.getKind();
    if (kind.equals("text")) {
      return message.getText() == null || message.getText().isBlank() ? null : message.getText();
    }
    if (message.getFile() != null) {
      String name = message.getFile().getString("name", "");
      return "[" + kind + (name.isEmpty() ? "" : ": " + name) + "]"
          + (message.getText() == null || message.getText().isBlank() ? "" : " " + message.getText());
    }
    if (kind.equals("call") || kind.equals("system")) {
      return null;
    }
    return message.getText() == null || message.getText().isBlank() ? "[" + kind + "]" : message.getText();
  }
}
