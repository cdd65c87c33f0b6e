package ling.client.call;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A steady tone where the headless audio module's microphone would be silent, for tests
 * ({@code -Dling.testTone=true}): that module records what the client plays, so the tone is played
 * in, over a connection within the process from a factory of its own. The tone cannot be pushed
 * into the call's own tracks: the module's recording thread feeds them too, and WebRTC allows only
 * one thread to.
 */
final class ToneLoop {

  private final AudioDeviceModule silentDevices = new AudioDeviceModule(AudioLayer.kDummyAudio);
  private final PeerConnectionFactory toneFactory = new PeerConnectionFactory(silentDevices);
  private final CustomAudioSource source = new CustomAudioSource();
  private final TestTone tone = new TestTone(source);
  private final AudioTrack track;
  private final RTCPeerConnection sender;
  private final RTCPeerConnection receiver;
  private final CompletableFuture<Void> senderGathered = new CompletableFuture<>();
  private final CompletableFuture<Void> receiverGathered = new CompletableFuture<>();

  /** Plays the tone into the factory's audio from now on; waits up to a few seconds for the connection. */
  ToneLoop(PeerConnectionFactory into) throws Exception {
    track = toneFactory.createAudioTrack("tone", source);
    sender = toneFactory.createPeerConnection(new RTCConfiguration(), gathering(senderGathered));
    receiver = into.createPeerConnection(new RTCConfiguration(), gathering(receiverGathered));
    sender.addTrack(track, List.of("tone"));
    RTCSessionDescription offer = described(observer -> sender.createOffer(new RTCOfferOptions(), observer));
    set(observer -> sender.setLocalDescription(offer, observer));
    senderGathered.get(5, TimeUnit.SECONDS);
    set(observer -> receiver.setRemoteDescription(sender.getLocalDescription(), observer));
    RTCSessionDescription answer = described(observer -> receiver.createAnswer(new RTCAnswerOptions(), observer));
    set(observer -> receiver.setLocalDescription(answer, observer));
    receiverGathered.get(5, TimeUnit.SECONDS);
    set(observer -> sender.setRemoteDescription(receiver.getLocalDescription(), observer));
    tone.start();
  }

  void close() {
    tone.stop();
    for (var each : sender.getSenders()) {
      sender.removeTrack(each);
    }
    sender.close();
    receiver.close();
    track.dispose();
    source.dispose();
    toneFactory.dispose();
    silentDevices.dispose();
  }

  /** Candidates travel inside the descriptions, once gathered: no trickling within one process. */
  private static PeerConnectionObserver gathering(CompletableFuture<Void> done) {
    return new PeerConnectionObserver() {
      @Override
      public void onIceCandidate(RTCIceCandidate candidate) {
      }

      @Override
      public void onIceGatheringChange(RTCIceGatheringState state) {
        if (state == RTCIceGatheringState.COMPLETE) {
          done.complete(null);
        }
      }
    };
  }

  private static RTCSessionDescription described(
      java.util.function.Consumer<CreateSessionDescriptionObserver> call) throws Exception {
    CompletableFuture<RTCSessionDescription> result = new CompletableFuture<>();
    call.accept(new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        result.complete(description);
      }

      @Override
      public void onFailure(String error) {
        result.completeExceptionally(new IllegalStateException(error));
      }
    });
    return result.get(5, TimeUnit.SECONDS);
  }

  private static void set(java.util.function.Consumer<SetSessionDescriptionObserver> call) throws Exception {
    CompletableFuture<Void> result = new CompletableFuture<>();
    call.accept(new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        result.complete(null);
      }

      @Override
      public void onFailure(String error) {
        result.completeExceptionally(new IllegalStateException(error));
      }
    });
    result.get(5, TimeUnit.SECONDS);
  }
}
