package ling.client.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import ling.client.api.Wire;

/**
 * The media between this client and one other in a call: a peer connection sending the call's
 * local tracks, the offer from one side and the answer from the other through {@code call.signal},
 * and the remote video handed on as BGRA frames. Nothing blocks a WebRTC
 * callback: all work runs on the session's own thread. ICE candidates that come before the remote
 * description are kept until it is set.
 *
 * <p>Either side offers again when it starts sending video in a call that had none (a voice call
 * switched to video). Should both offer at once, the polite side (the one that did not make the
 * first offer) rolls its offer back (or drops it, if WebRTC is still making it), answers, and offers
 * again after.
 */
public final class MediaSession {

  /** A remote video frame: width, height and BGRA bytes. */
  public record Frame(int width, int height, byte[] bgra) {
  }

  private final MediaEngine engine;
  private final LocalMedia local;
  private final Consumer<ObjectNode> signals;
  private final Consumer<Frame> frames;
  private final Consumer<RTCPeerConnectionState> states;
  private final boolean polite;
  private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "ling-call-media");
    thread.setDaemon(true);
    return thread;
  });
  private final List<RTCIceCandidate> early = new ArrayList<>();
  private final AtomicLong receivedFrames = new AtomicLong();
  private RTCPeerConnection connection;
  private RTCRtpSender videoSender;
  private VideoTrack remoteVideo;
  private final VideoTrackSink remoteSink = this::frame;

  private boolean remoteSet;
  private boolean makingOffer;
  /** An offer asked of WebRTC whose description has not come back yet. */
  private boolean creatingOffer;
  /** That offer lost a collision before it came back: it is dropped, never set or sent. */
  private boolean dropCreatedOffer;
  private boolean offerAgain;
  private boolean closed;

  MediaSession(MediaEngine engine, LocalMedia local, Consumer<ObjectNode> signals, Consumer<Frame> frames,
               Consumer<RTCPeerConnectionState> states, boolean polite) {
    this.engine = engine;
    this.local = local;
    this.signals = signals;
    this.frames = frames;
    this.states = states;
    this.polite = polite;
  }


  /**
   * Opens the connection once the ICE servers are known; the caller then makes the offer. Signals
   * that come meanwhile wait behind this on the session's thread.
   */
  void start(CompletableFuture<List<JsonNode>> servers, boolean offer) {
    run(() -> {
      if (closed) {
        return;
      }
      List<JsonNode> iceServers;
      try {
        iceServers = servers.get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // no list: host candidates still connect peers that see each other
        iceServers = List.of();
      }
      RTCConfiguration config = new RTCConfiguration();
      for (JsonNode server : iceServers) {
        RTCIceServer ice = new RTCIceServer();
        ice.urls = new ArrayList<>();
        server.path("urls").forEach(url -> ice.urls.add(url.asText()));
        if (server.hasNonNull("username")) {
          ice.username = server.get("username").asText();
          ice.password = server.path("credential").asText();
        }
        config.iceServers.add(ice);
      }
      var factory = engine.factory();
      connection = factory.createPeerConnection(config, new Observer());
      connection.addTrack(local.audio(), List.of("ling"));
      if (local.video() != null) {
        videoSender = connection.addTrack(local.video(), List.of("ling"));
      }
      if (offer) {
        negotiate();
      }
    });
  }

  /**
   * The camera on or off. Turned on in a call that has sent no video yet, the camera's track is
   * added and offered to the peer.
   */
  void camera(boolean on) {
    run(() -> {
      local.camera(on);
      if (on && !closed && connection != null && videoSender == null && local.video() != null) {
        videoSender = connection.addTrack(local.video(), List.of("ling"));
        negotiate();
      }
    });
  }

  /** Work on the session's thread after what is queued already: it sees the tracks as they are then. */
  void then(Runnable task) {
    run(task);
  }

  /** An offer now, or once the exchange going on is over. */
  private void negotiate() {
    if (closed || connection == null) {
      return;
    }
    if (makingOffer || connection.getSignalingState() != RTCSignalingState.STABLE) {
      offerAgain = true;
      return;
    }
    makingOffer = true;
    creatingOffer = true;
    connection.createOffer(new RTCOfferOptions(), described(true));
  }

  /** Back to stable: an offer that had to wait goes now. */
  private void settled() {
    if (offerAgain && !closed && connection.getSignalingState() == RTCSignalingState.STABLE) {
      offerAgain = false;
      negotiate();
    }
  }

  /** A {@code call.signal} from the peer: its description or a candidate. */
  void signal(JsonNode signal) {
    run(() -> {
      if (closed || connection == null) {
        return;
      }
      if (signal.has("sdp")) {
        JsonNode sdp = signal.get("sdp");
        RTCSdpType type = "offer".equals(sdp.path("type").asText()) ? RTCSdpType.OFFER : RTCSdpType.ANSWER;
        RTCSessionDescription description = new RTCSessionDescription(type, sdp.path("sdp").asText());
        boolean collision = type == RTCSdpType.OFFER
            && (makingOffer || connection.getSignalingState() != RTCSignalingState.STABLE);
        if (collision && !polite) {
          // both offered at once: the polite peer gives way and answers ours
          return;
        }
        if (collision && creatingOffer) {
          // ours is still being made, so there is nothing to roll back: it is dropped when it comes
          makingOffer = false;
          offerAgain = true;
          dropCreatedOffer = true;
          setRemote(description);
        } else if (collision) {
          makingOffer = false;
          offerAgain = true;
          connection.setLocalDescription(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""),
              new SetObserver(() -> run(() -> setRemote(description))));
        } else {
          setRemote(description);
        }
      } else if (signal.has("candidate")) {
        JsonNode c = signal.get("candidate");
        RTCIceCandidate candidate = new RTCIceCandidate(c.path("sdpMid").asText(null), c.path("sdpMLineIndex").asInt(0),
            c.path("candidate").asText());
        if (remoteSet) {
          connection.addIceCandidate(candidate);
        } else {
          early.add(candidate);
        }
      }
    });
  }

  private void setRemote(RTCSessionDescription description) {
    if (closed) {
      return;
    }
    connection.setRemoteDescription(description, new SetObserver(() -> run(() -> {
      if (closed) {
        return;
      }
      remoteSet = true;
      early.forEach(connection::addIceCandidate);
      early.clear();
      if (description.sdpType == RTCSdpType.OFFER) {
        connection.createAnswer(new RTCAnswerOptions(), described(false));
      } else {
        settled();
      }
    })));
  }

  public long receivedFrames() {
    return receivedFrames.get();
  }

  /** Audio packets received so far, from the connection's statistics. */
  public CompletableFuture<Long> audioPacketsReceived() {
    CompletableFuture<Long> result = new CompletableFuture<>();
    boolean queued = run(() -> {
      if (connection == null || closed) {
        result.complete(0L);
        return;
      }
      connection.getStats(report -> result.complete(report.getStats().values().stream()
          .filter(s -> s.getType() == RTCStatsType.INBOUND_RTP && "audio".equals(s.getAttributes().get("kind")))
          .mapToLong(s -> ((Number) s.getAttributes().getOrDefault("packetsReceived", 0L)).longValue()).sum()));
    });
    if (!queued) {
      result.complete(0L);
    }
    return result;
  }

  /**
   * How loud the peer is and how loud this side sends, each from 0 to 1 as WebRTC measured them
   * last (the received audio's level, and the level of what the microphone gives this connection).
   */
  public CompletableFuture<Levels> audioLevels() {
    CompletableFuture<Levels> result = new CompletableFuture<>();
    boolean queued = run(() -> {
      if (connection == null || closed) {
        result.complete(Levels.SILENT);
        return;
      }
      connection.getStats(report -> {
        double received = 0;
        double sent = 0;
        for (var stats : report.getStats().values()) {
          if (!"audio".equals(stats.getAttributes().get("kind"))
              || !(stats.getAttributes().get("audioLevel") instanceof Number level)) {
            continue;
          }
          if (stats.getType() == RTCStatsType.INBOUND_RTP) {
            received = Math.max(received, level.doubleValue());
          } else if (stats.getType() == RTCStatsType.MEDIA_SOURCE) {
            sent = Math.max(sent, level.doubleValue());
          }
        }
        result.complete(new Levels(received, sent));
      });
    });
    if (!queued) {
      result.complete(Levels.SILENT);
    }
    return result;
  }

  /** Audio levels of one connection, from 0 (silence) to 1. */
  public record Levels(double received, double sent) {
    static final Levels SILENT = new Levels(0, 0);
  }

  /** Ends the media in the order that never leaves a native reference behind. */
  CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued = run(() -> {
      try {
        if (closed) {
          return;
        }
        closed = true;
        if (remoteVideo != null) {
          remoteVideo.removeSink(remoteSink);
        }
        if (connection != null) {
          for (RTCRtpSender sender : connection.getSenders()) {
            connection.removeTrack(sender);
          }
          connection.close();
        }
      } catch (Error | RuntimeException e) {
        System.getLogger("ling.client").log(System.Logger.Level.WARNING, "call media not closed cleanly", e);
      } finally {
        done.complete(null);
        work.shutdown();
      }
    });
    if (!queued) {
      done.complete(null);
    }
    return done;
  }

  /** Work on the session's thread; after the session closed there is nothing left to do. */
  private boolean run(Runnable task) {
    try {
      work.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException | Error failed) {
          // a call's media failing ends nothing else; the state shown says it
          System.getLogger("ling.client").log(System.Logger.Level.WARNING, "call media: " + failed);
        }
      });
      return true;
    } catch (java.util.concurrent.RejectedExecutionException closedAlready) {
      return false;
    }
  }

  static Frame convert(VideoFrameBuffer buffer) throws Exception {
    byte[] bgra = new byte[buffer.getWidth() * buffer.getHeight() * 4];
    VideoBufferConverter.convertFromI420(buffer, bgra, FourCC.ARGB);
    return new Frame(buffer.getWidth(), buffer.getHeight(), bgra);
  }

  private void frame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
    try {
      Frame converted = convert(frame.buffer);
      receivedFrames.incrementAndGet();
      frames.accept(converted);
    } catch (Exception e) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "frame not converted: " + e.getMessage());
    } finally {
      frame.release();
    }
  }

  private CreateSessionDescriptionObserver described(boolean offer) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        run(() -> {
          if (offer) {
            creatingOffer = false;
            if (dropCreatedOffer) {
              dropCreatedOffer = false;
              return;
            }
          }
          if (closed) {
            return;
          }
          connection.setLocalDescription(description, new SetObserver(() -> run(() -> {
            if (offer) {
              makingOffer = false;
            } else if (!closed) {
              settled();
            }
          })));
          signals.accept(Wire.object().set("sdp", Wire.object()
              .put("type", description.sdpType == RTCSdpType.OFFER ? "offer" : "answer")
              .put("sdp", description.sdp)));
        });
      }

      @Override
      public void onFailure(String error) {
        if (offer) {
          run(() -> {
            makingOffer = false;
            creatingOffer = false;
            dropCreatedOffer = false;
          });
        }
        System.getLogger("ling.client").log(System.Logger.Level.WARNING, "no session description: " + error);
      }
    };
  }

  private static final class SetObserver implements SetSessionDescriptionObserver {
    private final Runnable then;

    SetObserver(Runnable then) {
      this.then = then;
    }

    @Override
    public void onSuccess() {
      then.run();
    }

    @Override
    public void onFailure(String error) {
      System.getLogger("ling.client").log(System.Logger.Level.WARNING, "session description refused: " + error);
    }
  }

  private final class Observer implements PeerConnectionObserver {
    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
      signals.accept(Wire.object().set("candidate", Wire.object().put("candidate", candidate.sdp)
          .put("sdpMid", candidate.sdpMid).put("sdpMLineIndex", candidate.sdpMLineIndex)));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
      states.accept(state);
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
      if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
        run(() -> {
          // an offer again may announce the same track: one sink per track
          if (closed || (remoteVideo != null && remoteVideo.getId().equals(video.getId()))) {
            return;
          }
          if (remoteVideo != null) {
            remoteVideo.removeSink(remoteSink);
          }
          remoteVideo = video;
          video.addSink(remoteSink);
        });
      }
    }
  }

}
