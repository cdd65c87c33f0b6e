package ling.client.call;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One call as this client sees it: who, what media, where it stands, and the user's controls. */
public final class CallModel {

  /** Where a call stands. */
  public enum State { CALLING, RINGING, CONNECTED, ENDED }

  private final long conversationId;
  private final long peerId;
  private final boolean incoming;
  private final LongProperty callId = new SimpleLongProperty();
  private final ObjectProperty<State> state;
  private final StringProperty media;
  /** Why it ended: hangup, rejected, cancelled, timeout, busy, offline, answered_elsewhere, failed. */
  private final StringProperty endReason = new SimpleStringProperty();
  private final LongProperty connectedAt = new SimpleLongProperty();
  private final BooleanProperty microphoneOn = new SimpleBooleanProperty(true);
  private final BooleanProperty cameraOn;
  /** Whether the peer's camera sends, as it last said. */
  private final BooleanProperty peerCamera;
  /** Set while this side follows the peer's switch, which is not told back. */
  boolean followingPeer;
  private final ObjectProperty<MediaSession> session = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalMedia> local = new SimpleObjectProperty<>();
  /** The media connection: new, connecting, connected, disconnected (reconnecting), failed, closed. */
  private final StringProperty connection = new SimpleStringProperty("");
  private volatile java.util.function.Consumer<MediaSession.Frame> onFrame = frame -> { };

  CallModel(long conversationId, long peerId, String media, boolean incoming) {
    this.conversationId = conversationId;
    this.peerId = peerId;
    this.incoming = incoming;
    this.media = new SimpleStringProperty(media);
    this.state = new SimpleObjectProperty<>(incoming ? State.RINGING : State.CALLING);
    this.cameraOn = new SimpleBooleanProperty("video".equals(media));
    this.peerCamera = new SimpleBooleanProperty("video".equals(media));
  }

  public long conversationId() {
    return conversationId;
  }

  public long peerId() {
    return peerId;
  }

  public boolean incoming() {
    return incoming;
  }

  public LongProperty callIdProperty() {
    return callId;
  }

  public ObjectProperty<State> stateProperty() {
    return state;
  }

  public StringProperty mediaProperty() {
    return media;
  }

  public StringProperty endReasonProperty() {
    return endReason;
  }

  public LongProperty connectedAtProperty() {
    return connectedAt;
  }

  public BooleanProperty microphoneOnProperty() {
    return microphoneOn;
  }

  public BooleanProperty cameraOnProperty() {
    return cameraOn;
  }

  public BooleanProperty peerCameraProperty() {
    return peerCamera;
  }

  public StringProperty connectionProperty() {
    return connection;
  }

  /** What this client sends, once the call connected. */
  ObjectProperty<LocalMedia> localProperty() {
    return local;
  }

  /** The call's media, once it connected. */
  public ObjectProperty<MediaSession> sessionProperty() {
    return session;
  }

  /** Where remote video frames go (called on a media thread). */
  public void onFrame(java.util.function.Consumer<MediaSession.Frame> listener) {
    this.onFrame = listener;
  }

  void deliver(MediaSession.Frame frame) {
    onFrame.accept(frame);
  }

  public boolean ended() {
    return state.get() == State.ENDED;
  }

  void connected() {
    if (state.get() != State.ENDED) {
      connectedAt.set(System.currentTimeMillis());
      state.set(State.CONNECTED);
    }
  }

  void end(String reason) {
    if (state.get() != State.ENDED) {
      endReason.set(reason);
      state.set(State.ENDED);
    }
  }
}
