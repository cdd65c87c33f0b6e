package ling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import ling.api.account.FriendChanges;
import ling.api.account.GroupChanges;
import ling.api.account.GroupSpec;
import ling.api.account.ProfileChanges;
import ling.api.chat.CallRecord;
import ling.api.chat.CallScope;
import ling.api.chat.ConversationChanges;
import ling.api.file.FileInfo;
import ling.api.media.CallSession;
import ling.api.media.CallSignal;
import ling.api.media.IceServer;
import org.junit.jupiter.api.Test;

/**
 * The data objects whose JSON reaches clients (in {@code /health}, messages, call frames) must
 * write it exactly as it has always been written, field order and nulls included, and read back
 * what they wrote. Those that carry a client's partial update keep which fields were given, and
 * refuse a body of the wrong shape with the 400 the contract names.
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

  @Test
  void profileChangesKeepWhichFieldsWereGivenAndTheirNulls() {
    String body = "{\"signature\":null,\"displayName\":\"王五\",\"avatarFileId\":7}";
    ProfileChanges changes = roundTrip(ProfileChanges.from(new JsonObject(body)), ProfileChanges::toJson,
        ProfileChanges::new);
    assertEquals(body, changes.toJson().encode());
    assertEquals(List.of("signature", "displayName", "avatarFileId"), List.copyOf(changes.fields()));
    assertNull(changes.getSignature());
    assertEquals("王五", changes.getDisplayName());
    assertEquals(7L, changes.getAvatarFileId());
    assertFalse(changes.fields().contains(ProfileChanges.EMAIL));
    assertEquals("{\"phone\":null}", new ProfileChanges().setPhone(null).toJson().encode());
    assertEquals("{}", ProfileChanges.from(new JsonObject()).toJson().encode());
  }

  @Test
  void profileChangesRefuseAnUnknownFieldOrAWrongType() {
    assertRefused("username: is not a profile field", () -> ProfileChanges.from(json("{\"username\":\"x\"}")));
    assertRefused("displayName: must be a string", () -> ProfileChanges.from(json("{\"displayName\":5}")));
    assertRefused("displayName: must be a string",
        () -> ProfileChanges.from(json("{\"displayName\":{\"nested\":true}}")));
    assertRefused("avatarFileId: must be a file id", () -> ProfileChanges.from(json("{\"avatarFileId\":\"12\"}")));
    assertRefused("avatarFileId: must be a file id", () -> ProfileChanges.from(json("{\"avatarFileId\":-3}")));
    // the first problem in the client's order is the one named
    assertRefused("email: must be a string", () -> ProfileChanges.from(json("{\"email\":1,\"nickname\":2}")));
    assertRefused("body: is required", () -> ProfileChanges.from(null));
  }

  @Test
  void friendChangesKeepANullRemarkAndRefuseWhatIsNotAFriendField() {
    FriendChanges cleared = roundTrip(FriendChanges.from(json("{\"remark\":null}")), FriendChanges::toJson,
        FriendChanges::new);
    assertEquals("{\"remark\":null}", cleared.toJson().encode());
    assertEquals(Set.of(FriendChanges.REMARK), cleared.fields());
    FriendChanges moved = roundTrip(FriendChanges.from(json("{\"groupId\":12,\"remark\":\"Bob\"}")),
        FriendChanges::toJson, FriendChanges::new);
    assertEquals("{\"groupId\":12,\"remark\":\"Bob\"}", moved.toJson().encode());
    assertEquals(12L, moved.getGroupId());
    assertRefused("nickname: is not a friend field", () -> FriendChanges.from(json("{\"nickname\":\"x\"}")));
    assertRefused("remark: must be a string", () -> FriendChanges.from(json("{\"remark\":[]}")));
    for (String groupId : List.of("\"family\"", "null", "0", "1.5")) {
      assertRefused("groupId: must be the id of one of your folders",
          () -> FriendChanges.from(json("{\"groupId\":" + groupId + "}")));
    }
  }

  @Test
  void aGroupSpecKeepsItsFieldsAsGivenAndRefusesTheWrongShape() {
    String body = "{\"name\":\"家人\",\"memberIds\":[3,3,4],\"avatarFileId\":null,\"joinPolicy\":\"open\"}";
    GroupSpec spec = roundTrip(GroupSpec.from(json(body)), GroupSpec::toJson, GroupSpec::new);
    assertEquals(body, spec.toJson().encode());
    assertEquals(List.of(3L, 3L, 4L), spec.getMemberIds());
    assertNull(spec.getAvatarFileId());
    assertEquals("{\"name\":null}", roundTrip(GroupSpec.from(json("{\"name\":null}")), GroupSpec::toJson,
        GroupSpec::new).toJson().encode());
    assertRefused("ownerId: is not a group field", () -> GroupSpec.from(json("{\"name\":\"g\",\"ownerId\":1}")));
    assertRefused("name: must be a string", () -> GroupSpec.from(json("{\"name\":1}")));
    assertRefused("memberIds: must be an array of user ids", () -> GroupSpec.from(json("{\"memberIds\":\"all\"}")));
    assertRefused("memberIds: must be an array of user ids",
        () -> GroupSpec.from(json("{\"memberIds\":[null,-1,\"x\"]}")));
    assertRefused("joinPolicy: must be open, approval or invite", () -> GroupSpec.from(json("{\"joinPolicy\":1}")));
    assertRefused("avatarFileId: must be a file id", () -> GroupSpec.from(json("{\"avatarFileId\":true}")));
  }

  @Test
  void groupChangesKeepWhichFieldsWereGivenAndTheirNulls() {
    String body = "{\"announcement\":null,\"joinPolicy\":\"invite\",\"name\":\"g\"}";
    GroupChanges changes = roundTrip(GroupChanges.from(json(body)), GroupChanges::toJson, GroupChanges::new);
    assertEquals(body, changes.toJson().encode());
    assertEquals(List.of("announcement", "joinPolicy", "name"), List.copyOf(changes.fields()));
    assertNull(changes.getAnnouncement());
    assertFalse(changes.fields().contains(GroupChanges.AVATAR_FILE_ID));
    assertRefused("ownerId: is not a group field", () -> GroupChanges.from(json("{\"ownerId\":1}")));
    assertRefused("memberIds: is not a group field", () -> GroupChanges.from(json("{\"memberIds\":[1]}")));
    assertRefused("announcement: must be a string", () -> GroupChanges.from(json("{\"announcement\":false}")));
    assertRefused("joinPolicy: must be open, approval or invite",
        () -> GroupChanges.from(json("{\"joinPolicy\":[\"open\"]}")));
  }

  @Test
  void conversationChangesKeepOnlyTheSettingsGiven() {
    ConversationChanges pinned = roundTrip(ConversationChanges.from(json("{\"pinned\":false}")),
        ConversationChanges::toJson, ConversationChanges::new);
    assertEquals("{\"pinned\":false}", pinned.toJson().encode());
    assertEquals(Set.of(ConversationChanges.PINNED), pinned.fields());
    assertEquals("{\"muted\":true,\"pinned\":true}",
        new ConversationChanges(new ConversationChanges().setMuted(true).setPinned(true).toJson()).toJson().encode());
    assertRefused("color: is not a conversation setting", () -> ConversationChanges.from(json("{\"color\":\"red\"}")));
    assertRefused("muted: must be true or false", () -> ConversationChanges.from(json("{\"muted\":\"yes\"}")));
    assertRefused("pinned: must be true or false", () -> ConversationChanges.from(json("{\"pinned\":null}")));
    assertRefused("color: is not a conversation setting",
        () -> ConversationChanges.from(json("{\"color\":1,\"muted\":\"yes\"}")));
  }

  /** Through its JSON form and back, as it crosses the event bus. */
  private static <T> T roundTrip(T value, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    T back = fromJson.apply(toJson.apply(value));
    assertEquals(toJson.apply(value).encode(), toJson.apply(back).encode());
    return back;
  }

  private static JsonObject json(String text) {
    return new JsonObject(text);
  }

  private static void assertRefused(String message, org.junit.jupiter.api.function.Executable decoding) {
    ServiceException refused = assertThrows(ServiceException.class, decoding);
    assertEquals(Failures.INVALID_REQUEST, refused.failureCode());
    assertEquals(message, refused.getMessage());
  }
}
