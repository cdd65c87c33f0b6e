package ling.client.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import ling.client.api.Wire;

/**
 * The client's side of the call signaling: one call at a time, driven by the {@code call.*}
 * frames. A second incoming call while one is going on is left to ring out (the server answers
 * such callers "busy" already).
 */
public final class Calls {

  private final ling.client.api.FrameSender frames;
  private final ling.client.api.Gateway gateway;
  private final MediaEngine engine;
  private final ObjectProperty<CallModel> current = new SimpleObjectProperty<>();
  private final ObjectProperty<GroupCall> group = new SimpleObjectProperty<>();
  private Consumer<CallModel> onIncoming = call -> { };
  private Consumer<GroupCall> onGroupInvite = call -> { };
  /** The ref of the last invite sent: an error that names it refused the invite. */
  private String inviteRef = "";
  private long invites;

  public Calls(ling.client.api.FrameSender frames, ling.client.api.Gateway gateway,
               java.util.function.Supplier<MediaChoice> devices) {
    this.frames = frames;
    this.gateway = gateway;
    this.engine = new MediaEngine(devices);
  }

  /** The cameras, microphones and speakers there are to choose from (found off the FX thread). */
  public CompletableFuture<MediaChoice.Devices> devices() {
    return CompletableFuture.supplyAsync(engine::devices).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * Switches a connected 1:1 call between voice and video: to video turns this side's camera on
   * (the peer sees it and may turn its own on), to voice turns both cameras off.
   */
  public void switchMedia(CallModel call, String media) {
    if (call.ended() || media.equals(call.mediaProperty().get())) {
      return;
    }
    if ("audio".equals(media)) {
      // the peer follows, its camera too
      call.peerCameraProperty().set(false);
    }
    call.mediaProperty().set(media);
    call.cameraOnProperty().set("video".equals(media));
  }

  /** Ends a call's media and the WebRTC factory: the client is closing. */
  public void dispose() {
    CompletableFuture<Void> groupClosed = group.get() == null ? CompletableFuture.completedFuture(null)
        : leave(group.get());
    CallModel call = current.get();
    if (call != null && !call.ended()) {
      hangup(call);
    }
    MediaSession session = call == null ? null : call.sessionProperty().get();
    LocalMedia local = call == null ? null : call.localProperty().get();
    CompletableFuture<Void> closed = (session == null ? CompletableFuture.<Void>completedFuture(null) : session.close())
        .thenCombine(groupClosed, (a, b) -> (Void) null);
    closed.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).whenComplete((x, err) -> {
      if (local != null) {
        local.close();
      }
      engine.dispose();
    });
  }

  public ObjectProperty<CallModel> currentProperty() {
    return current;
  }

  public ObjectProperty<GroupCall> groupProperty() {
    return group;
  }

  /** Called with each group call this client is invited to, and with the ones it starts. */
  public void onGroupCall(Consumer<GroupCall> listener) {
    this.onGroupInvite = listener;
  }

  /** Starts the group's call, or joins it when the group has one already. */
  public GroupCall startGroup(long conversationId, String media) {
    if (busy()) {
      return null;
    }
    GroupCall call = new GroupCall(conversationId, media);
    group.set(call);
    frames.send(Wire.object().put("type", "call.invite").put("conversationId", conversationId).put("media", media)
        .put("ref", nextInviteRef()));
    return call;
  }

  public void join(GroupCall call) {
    frames.send(Wire.object().put("type", "call.join").put("callId", call.callIdProperty().get()));
  }

  /** Leaves the group call (or dismisses the invitation); completes once its media is closed. */
  public CompletableFuture<Void> leave(GroupCall call) {
    if (call.joinedProperty().get()) {
      frames.send(Wire.object().put("type", "call.leave").put("callId", call.callIdProperty().get()));
    }
    return endGroup(call);
  }

  /** Called with each call that starts ringing here. */
  public void onIncoming(Consumer<CallModel> listener) {
    this.onIncoming = listener;
  }

  /** Calls the peer of a direct conversation; null when a call is going on already. */
  public CallModel start(long conversationId, long peerId, String media) {
    if (busy()) {
      return null;
    }
    CallModel call = new CallModel(conversationId, peerId, media, false);
    current.set(call);
    if (!frames.send(Wire.object().put("type", "call.invite").put("conversationId", conversationId)
        .put("media", media).put("ref", nextInviteRef()))) {
      call.end("failed");
    }
    return call;
  }

  public void accept(CallModel call) {
    send("call.accept", call);
  }

  public void reject(CallModel call) {
    send("call.reject", call);
    call.end("rejected");
  }

  public void hangup(CallModel call) {
    if (call.callIdProperty().get() != 0) {
      send("call.hangup", call);
    }
    call.end(call.stateProperty().get() == CallModel.State.CALLING ? "cancelled" : "hangup");
  }

  /** A {@code call.*} frame, or an error about one; true when it was one. */
  public boolean handle(String type, JsonNode frame) {
    CallModel call = current.get();
    long callId = frame.path("callId").asLong();
    switch (type) {
      case "call.ringing" -> {
        GroupCall mine = group.get();
        if (frame.path("group").asBoolean() && mine != null && mine.callIdProperty().get() == 0) {
          // a new group call: this client is its first participant
          mine.callIdProperty().set(callId);
          mine.joinedProperty().set(true);
          onGroupInvite.accept(mine);
        } else if (call != null && !call.incoming() && call.callIdProperty().get() == 0) {
          call.callIdProperty().set(callId);
        }
      }
      case "call.joined" -> {
        GroupCall mine = group.get();
        if (mine != null && !mine.endedProperty().get()) {
          boolean fresh = mine.callIdProperty().get() == 0;
          mine.callIdProperty().set(callId);
          mine.joinedProperty().set(true);
          // the joiner offers to everyone already in it, so two peers never offer to each other
          frame.path("participants").forEach(p -> connect(mine, p.asLong(), true));
          if (fresh) {
            onGroupInvite.accept(mine);
          }
        }
      }
      case "call.participant_joined" -> {
        GroupCall mine = group.get();
        if (mine != null && mine.callIdProperty().get() == callId && mine.joinedProperty().get()) {
          connect(mine, frame.path("userId").asLong(), false);
        }
      }
      case "call.participant_left" -> {
        GroupCall mine = group.get();
        if (mine != null && mine.callIdProperty().get() == callId) {
          disconnect(mine, frame.path("userId").asLong());
        }
      }
      case "call.incoming" -> {
        if (busy()) {
          return true;
        }
        if (frame.path("group").asBoolean()) {
          GroupCall invited = new GroupCall(frame.path("conversationId").asLong(), frame.path("media").asText("video"));
          invited.callIdProperty().set(callId);
          group.set(invited);
          onGroupInvite.accept(invited);
          return true;
        }
        CallModel incoming = new CallModel(frame.path("conversationId").asLong(), frame.path("from").asLong(),
            frame.path("media").asText("audio"), true);
        incoming.callIdProperty().set(callId);
        current.set(incoming);
        onIncoming.accept(incoming);
      }
      case "call.accepted" -> {
        if (matches(call, callId) && call.stateProperty().get() != CallModel.State.CONNECTED) {
          call.connected();
          startMedia(call);
        }
      }
      case "call.rejected" -> {
        if (matches(call, callId)) {
          call.end("rejected");
        }
      }
      case "call.ended" -> {
        GroupCall mine = group.get();
        if (mine != null && mine.callIdProperty().get() == callId) {
          endGroup(mine);
        } else if (matches(call, callId)) {
          call.end(frame.path("reason").asText("hangup"));
        }
      }
      case "call.signal" -> {
        GroupCall mine = group.get();
        JsonNode media = frame.path("signal").get("media");
        if (media != null) {
          if (mine != null && mine.callIdProperty().get() == callId) {
            mine.cameras().put(frame.path("fromUserId").asLong(), media.path("camera").asBoolean());
          } else if (matches(call, callId)) {
            peerMedia(call, media);
          }
        } else if (mine != null && mine.callIdProperty().get() == callId && mine.joinedProperty().get()) {
          long from = frame.path("fromUserId").asLong();
          // an offer may come before the news that its sender joined
          connect(mine, from, false).signal(frame.path("signal"));
        } else if (matches(call, callId) && call.sessionProperty().get() != null) {
          call.sessionProperty().get().signal(frame.path("signal"));
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * An error frame: an invite refused (busy, offline), joining a full group call refused, or a
   * frame about the call refused. The group call window then says why.
   */
  public boolean refused(JsonNode frame) {
    String ref = frame.path("ref").asText("");
    String code = frame.path("error").path("code").asText("");
    GroupCall mine = group.get();
    if (mine != null && !mine.endedProperty().get()) {
      boolean aboutStart = mine.callIdProperty().get() == 0 && ref.equals(inviteRef);
      boolean aboutJoin = !mine.joinedProperty().get() && ref.equals(Long.toString(mine.callIdProperty().get()));
      if (aboutStart || aboutJoin) {
        mine.refusedProperty().set(code);
        if (aboutStart) {
          onGroupInvite.accept(mine);
        }
        return true;
      }
    }
    CallModel call = current.get();
    if (call == null || call.ended()) {
      return false;
    }
    boolean aboutInvite = call.callIdProperty().get() == 0 && !call.incoming() && ref.equals(inviteRef);
    boolean aboutCall = ref.equals(Long.toString(call.callIdProperty().get()));
    if (!aboutInvite && !aboutCall) {
      return false;
    }
    call.end(switch (code) {
      case "busy", "offline", "answered_elsewhere", "call_ended" -> code;
      default -> "failed";
    });
    return true;
  }

  private String nextInviteRef() {
    inviteRef = "call-invite-" + ++invites;
    return inviteRef;
  }

  /** The media of a connected call: the caller offers, the callee answers. */
  private void startMedia(CallModel call) {
    LocalMedia local = new LocalMedia(engine, "video".equals(call.mediaProperty().get()));
    MediaSession session = new MediaSession(engine, local,
        signal -> signal(call.callIdProperty().get(), call.peerId(), signal),
        call::deliver, state -> javafx.application.Platform.runLater(() ->
            call.connectionProperty().set(state.name().toLowerCase(java.util.Locale.ROOT))), call.incoming());
    call.localProperty().set(local);
    call.sessionProperty().set(session);
    call.microphoneOnProperty().addListener((obs, was, on) -> local.microphone(on));
    call.cameraOnProperty().addListener((obs, was, on) -> {
      session.camera(on);
      tellMedia(call, local, session);
    });
    call.mediaProperty().addListener((obs, was, now) -> tellMedia(call, local, session));
    call.stateProperty().addListener((obs, was, now) -> {
      if (now == CallModel.State.ENDED) {
        session.close().whenComplete((x, err) -> local.close());
      }
    });
    session.start(gateway.iceServers(), !call.incoming());
    // a side without a camera says so at once, so the other shows its placeholder
    tellMedia(call, local, session);
  }

  /** Tells the peer what this side now sends, unless the change was the peer's own switch. */
  private void tellMedia(CallModel call, LocalMedia local, MediaSession session) {
    if (call.followingPeer) {
      return;
    }
    boolean video = "video".equals(call.mediaProperty().get());
    session.then(() -> signal(call.callIdProperty().get(), call.peerId(), Wire.object().set("media",
        Wire.object().put("video", video).put("camera", local.sendingVideo()))));
  }

  /** The peer switched: to voice turns this camera off too; to video leaves it to the user. */
  private void peerMedia(CallModel call, JsonNode media) {
    call.peerCameraProperty().set(media.path("video").asBoolean() && media.path("camera").asBoolean());
    String now = media.path("video").asBoolean() ? "video" : "audio";
    if (now.equals(call.mediaProperty().get())) {
      return;
    }
    call.followingPeer = true;
    try {
      call.mediaProperty().set(now);
      if ("audio".equals(now)) {
        call.cameraOnProperty().set(false);
      }
    } finally {
      call.followingPeer = false;
    }
  }

  private void signal(long callId, long toUserId, com.fasterxml.jackson.databind.node.ObjectNode signal) {
    frames.send(Wire.object().put("type", "call.signal").put("callId", callId)
        .put("toUserId", toUserId).set("signal", signal));
  }

  /** The connection to one participant of a group call, made once. */
  private MediaSession connect(GroupCall call, long userId, boolean offer) {
    MediaSession existing = call.sessions.get(userId);
    if (existing != null) {
      return existing;
    }
    if (call.local == null) {
      LocalMedia local = new LocalMedia(engine, "video".equals(call.media()));
      local.microphone(call.microphoneOnProperty().get());
      local.camera(call.cameraOnProperty().get());
      call.microphoneOnProperty().addListener((obs, was, on) -> local.microphone(on));
      call.cameraOnProperty().addListener((obs, was, on) -> {
        local.camera(on);
        // everyone in it learns whether to show this side's video or its placeholder
        call.sessions.forEach((id, each) -> {
          each.camera(on);
          tellGroup(call, id, each);
        });
      });
      local.onPreview(frame -> call.preview.accept(frame));
      call.local = local;
      call.meter = new SpeakingMeter(call);
      call.meter.start();
    }
    MediaSession session = new MediaSession(engine, call.local,
        signal -> signal(call.callIdProperty().get(), userId, signal),
        frame -> call.deliver(userId, frame), state -> javafx.application.Platform.runLater(() -> {
          if (call.sessions.containsKey(userId)) {
            call.connections().put(userId, state.name().toLowerCase(java.util.Locale.ROOT));
          }
        }), !offer);
    call.sessions.put(userId, session);
    if (!call.participants().contains(userId)) {
      call.participants().add(userId);
    }
    session.start(gateway.iceServers(), offer);
    tellGroup(call, userId, session);
    return session;
  }

  private void tellGroup(GroupCall call, long userId, MediaSession session) {
    LocalMedia local = call.local;
    session.then(() -> signal(call.callIdProperty().get(), userId, Wire.object().set("media",
        Wire.object().put("video", true).put("camera", local.sendingVideo()))));
  }

  private void disconnect(GroupCall call, long userId) {
    MediaSession session = call.sessions.remove(userId);
    call.participants().remove(userId);
    call.tiles.remove(userId);
    call.cameras().remove(userId);
    call.connections().remove(userId);
    if (session != null) {
      session.close();
    }
  }

  private CompletableFuture<Void> endGroup(GroupCall call) {
    if (call.endedProperty().get()) {
      return CompletableFuture.completedFuture(null);
    }
    call.endedProperty().set(true);
    java.util.List<CompletableFuture<Void>> closing = new java.util.ArrayList<>();
    call.sessions.values().forEach(session -> closing.add(session.close()));
    call.sessions.clear();
    call.participants().clear();
    if (call.meter != null) {
      call.meter.stop();
    }
    LocalMedia local = call.local;
    CompletableFuture<Void> closed = CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
        .handle((x, err) -> {
          if (local != null) {
            local.close();
          }
          return null;
        });
    if (group.get() == call) {
      group.set(null);
    }
    return closed;
  }

  private boolean busy() {
    return (current.get() != null && !current.get().ended()) || group.get() != null;
  }

  private static boolean matches(CallModel call, long callId) {
    return call != null && call.callIdProperty().get() == callId;
  }

  private void send(String type, CallModel call) {
    frames.send(Wire.object().put("type", type).put("callId", call.callIdProperty().get()));
  }
}
