package ling.assistant.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import ling.api.chat.ChatMessage;
import ling.assistant.impl.ChatCompletions.Turn;
import org.junit.jupiter.api.Test;

class ContextTest {

  private static final long ME = 10;
  private static final long ASSISTANT = 1;
  private long seq;

  @Test
  void theLatestMessagesThatFitGoOldestFirstWithTheirRoles() {
    List<ChatMessage> history = List.of(text(ME, "first question, long ago"), text(ASSISTANT, "first answer"),
        recalled(ME), text(ME, "second"), text(ASSISTANT, "reply"), text(ME, "third?"));
    List<Turn> turns = Context.conversation("Be kind.", history, ASSISTANT, 30);
    assertEquals(List.of(new Turn("system", "Be kind."), new Turn("assistant", "first answer"),
        new Turn("user", "second"), new Turn("assistant", "reply"), new Turn("user", "third?")), turns);
  }

  @Test
  void aQuestionOverTheBudgetIsSentShortenedFromItsStart() {
    List<Turn> turns = Context.conversation("", List.of(text(ASSISTANT, "hi"), text(ME, "0123456789")), ASSISTANT, 4);
    assertEquals(List.of(new Turn("user", "6789")), turns);
  }

  @Test
  void filesAreNamedAndCallsLeftOut() {
    ChatMessage image = text(ME, null).setKind("image").setFile(new JsonObject().put("name", "cat.png"));
    ChatMessage call = text(ME, null).setKind("call").setCall(new JsonObject());
    List<Turn> turns = Context.conversation("", List.of(image, call, text(ME, "what is it?")), ASSISTANT, 100);
    assertEquals(List.of(new Turn("user", "[image: cat.png]"), new Turn("user", "what is it?")), turns);
  }

  @Test
  void aSummaryNamesTheConversationAndTheSendersAndSaysWhatWasLeftOut() {
    List<ChatMessage> unread = List.of(text(20, "an old message that will not fit in"), text(21, "lunch at 12?"),
        text(20, "yes"));
    List<Turn> turns = Context.summary("", "Hiking club", unread, Map.of(20L, "Ann", 21L, "Bo"), 30);
    assertEquals(1, turns.size());
    String prompt = turns.get(0).content();
    assertTrue(prompt.contains("\"Hiking club\""), prompt);
    assertTrue(prompt.endsWith("\n\nBo: lunch at 12?\nAnn: yes"), prompt);
    assertTrue(prompt.contains("1 earlier unread messages did not fit"), prompt);
  }

  private ChatMessage text(long sender, String text) {
    return new ChatMessage().setSeq(++seq).setSenderId(sender).setKind("text").setText(text);
  }

  private ChatMessage recalled(long sender) {
    return text(sender, null).setRecalled(true);
  }
}
