package ling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import ling.api.chat.CallRecord;
import ling.api.chat.CallScope;
import ling.api.file.FileInfo;
import ling.api.media.CallSession;
import ling.api.media.CallSignal;
import ling.api.media.IceServer;
import org.junit.jupiter.api.Test;

/**
 * The data objects whose JSON reaches clients (in {@code /health}, messages, call frames) must
 * write it exactly as it has always been written, field order and nulls included, and read back
 * what they wrote.
 */
class ContractShapesTest {

  @Test
  void healthIsWrittenAsTheHealthCheckShowsIt() {
    assertEquals("{\"status\":\"UP\",\"database\":{\"status\":\"UP\"}}",
        roundTrip(ServiceHealth.ofDatabase(ServiceHealth.up())).toJson().encode());
    ServiceHealth down = ServiceHealth.ofDatabase(ServiceHealth.down("the database does not answer"));
    assertEquals("{\"status\":\"DOWN\",\"database\":{\"status\":\"DOWN\",\"reason\":\"the database does not answer\"}}",
        roundTrip(down).toJson().encode());
    assertFalse(down.passed());
    assertFalse(new ServiceHealth().passed());
  }

  private static ServiceHealth roundTrip(ServiceHealth health) {
    return new ServiceHealth(health.toJson());
  }

  @Test
  void aFileNamesEveryFieldInOrderNullOrNot() {
    FileInfo file = new FileInfo().setFileId(7).setName("a.txt").setSize(3).setMime("text/plain")
        .setSha256("ab").setUrl("/api/v1/files/7");
    String expected = "{\"fileId\":7,\"name\":\"a.txt\",\"size\":3,\"mime\":\"text/plain\",\"sha256\":\"ab\","
        + "\"width\":null,\"height\":null,\"url\":\"/api/v1/files/7\",\"thumbnailUrl\":null}";
    assertEquals(expected, file.toJson().encode());
    assertEquals(expected, new FileInfo(file.toJson()).toJson().encode());
    FileInfo image = new FileInfo(file.toJson()).setMime("image/png").setWidth(2).setHeight(1)
        .setThumbnailUrl("/api/v1/files/7/thumbnail");
    assertEquals("{\"fileId\":7,\"name\":\"a.txt\",\"size\":3,\"mime\":\"image/png\",\"sha256\":\"ab\","
        + "\"width\":2,\"height\":1,\"url\":\"/api/v1/files/7\",\"thumbnailUrl\":\"/api/v1/files/7/thumbnail\"}",
        new FileInfo(image.toJson()).toJson().encode());
  }

  @Test
  void aCallSessionIsTheJoinedFrameOrJustItsId() {
    CallSession started = new CallSession(CallSession.started(5, true).toJson());
    assertFalse(started.joinedExisting());
    assertEquals("{\"callId\":5,\"group\":true}", started.toJson().encode());
    CallSession joined = new CallSession(CallSession.joined(5, 9, "video", List.of(1L, 2L)).toJson());
    assertTrue(joined.joinedExisting());
    assertEquals("{\"callId\":5,\"conversationId\":9,\"media\":\"video\",\"group\":true,\"participants\":[1,2]}",
        joined.toJson().encode());
    assertTrue(new CallSession(CallSession.joined(5, 9, "audio", List.of()).toJson()).joinedExisting());
  }

  @Test
  void callScopeRecordAndIceServersRoundTrip() {
    CallScope scope = new CallScope(new CallScope().setType("group").setClosed(true).setMemberIds(List.of(3L, 4L))
        .toJson());
    assertTrue(scope.group());
    assertTrue(scope.isClosed());
    assertEquals(List.of(3L, 4L), scope.getMemberIds());
    assertEquals("{\"media\":\"audio\",\"outcome\":\"missed\",\"durationMs\":0}",
        new CallRecord(new CallRecord("audio", "missed", 0).toJson()).toJson().encode());
    assertEquals("{\"urls\":[\"stun:a\"]}", new IceServer(new IceServer(List.of("stun:a")).toJson()).toJson().encode());
    assertEquals("{\"urls\":[\"turn:a\"],\"username\":\"1:2\",\"credential\":\"c\"}",
        new IceServer(new IceServer(List.of("turn:a")).setUsername("1:2").setCredential("c").toJson()).toJson()
            .encode());
  }

  @Test
  void aSignalTravelsAsItWasSentAndIsRelayedInItsKnownShape() {
    JsonObject sent = new JsonObject().put("sdp", new JsonObject().put("type", "offer").put("x", 1)).put("y", "z");
    assertEquals(sent, new CallSignal(sent).toJson());
    assertEquals("{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}", CallSignal.sdp("answer", "v=0").toJson().encode());
    assertEquals("{\"candidate\":{\"candidate\":\"\",\"sdpMid\":null,\"sdpMLineIndex\":0}}",
        CallSignal.candidate("", null, 0).toJson().encode());
    assertEquals("{\"media\":{\"video\":true,\"camera\":false}}", CallSignal.media(true, false).toJson().encode());
  }
}
