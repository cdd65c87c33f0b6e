package ling.client.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ling.client.api.Wire;
import org.junit.jupiter.api.Test;

/**
 * What the client does with the server's refusals, fed the frames the server sends: the frames it
 * answers with, what the call windows are told, and that a refused call never leaves the client
 * "in a call" for good.
 */
class CallRefusalsTest {

  private final List<ObjectNode> sent = new ArrayList<>();
  private final Calls calls = new Calls(frame -> sent.add(frame), null, () -> MediaChoice.DEFAULTS);

  @Test
  void joiningAFullGroupCallSaysSoAndDismissingItFreesTheClient() throws Exception {
    List<GroupCall> shown = new ArrayList<>();
    calls.onGroupCall(shown::add);
    calls.handle("call.incoming", Wire.tree("""
        {"type":"call.incoming","callId":7,"conversationId":3,"from":1,"media":"video","group":true,"participants":[1,2]}"""));
    GroupCall invited = shown.get(0);
    calls.join(invited);
    assertEquals("call.join", sent.get(0).path("type").asText());

    assertTrue(calls.refused(error("7", "call_full")));
    assertEquals("call_full", invited.refusedProperty().get());
    assertFalse(invited.joinedProperty().get());
    assertNull(calls.start(4, 9, "audio"), "still busy while the refusal is shown");

    calls.leave(invited).get(5, TimeUnit.SECONDS);
    assertEquals(1, sent.size(), "nothing to leave in a call never joined");
    assertTrue(invited.endedProperty().get());
    assertNotNull(calls.start(4, 9, "audio"));
  }

  @Test
  void aGroupCallThatCannotStartShowsWhy() throws Exception {
    List<GroupCall> shown = new ArrayList<>();
    calls.onGroupCall(shown::add);
    GroupCall started = calls.startGroup(3, "video");
    String ref = sent.get(0).path("ref").asText();
    assertTrue(shown.isEmpty(), "the window opens once the server answers");

    assertFalse(calls.refused(error("m-41", "rate_limited")), "a message's error is not the call's");
    assertTrue(shown.isEmpty());
    assertTrue(calls.refused(error(ref, "busy")));
    assertEquals(List.of(started), shown);
    assertEquals("busy", started.refusedProperty().get());
    calls.leave(started).get(5, TimeUnit.SECONDS);
    assertNull(calls.groupProperty().get());
  }

  @Test
  void anInviteIsEndedByItsOwnRefusalOnly() {
    CallModel call = calls.start(4, 9, "video");
    String ref = sent.get(0).path("ref").asText();
    assertFalse(calls.refused(error("m-41", "rate_limited")));
    assertFalse(call.ended());
    assertTrue(calls.refused(error(ref, "offline")));
    assertEquals("offline", call.endReasonProperty().get());
    assertNotNull(calls.start(4, 9, "audio"), "free again");
    // a second invite has its own ref: the first one's error means nothing now
    assertFalse(calls.refused(error(ref, "busy")));
  }

  private static JsonNode error(String ref, String code) {
    return Wire.tree("{\"type\":\"error\",\"ref\":\"" + ref + "\",\"error\":{\"code\":\"" + code
        + "\",\"message\":\"refused\"}}");
  }
}
