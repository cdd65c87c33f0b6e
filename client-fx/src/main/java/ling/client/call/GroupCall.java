package ling.client.call;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A group call as this client sees it: invited, then in it with a peer connection to every other
 * participant (a full mesh), until it leaves or the call ends.
 */
public final class GroupCall {

  private final long conversationId;
  private final String media;
  private final LongProperty callId = new SimpleLongProperty();
  private final BooleanProperty joined = new SimpleBooleanProperty();
  private final BooleanProperty ended = new SimpleBooleanProperty();
  /** Why starting or joining it was refused (an error code), or empty. */
  private final javafx.beans.property.StringProperty refused = new javafx.beans.property.SimpleStringProperty("");
  /** The others in the call, in the order they came. */
  private final ObservableList<Long> participants = FXCollections.observableArrayList();
  /** Whose camera sends, as each participant last said (video is assumed until one says otherwise). */
  private final javafx.collections.ObservableMap<Long, Boolean> cameras = FXCollections.observableHashMap();
  /** The state of the connection to each participant (new, connecting, connected, disconnected, failed). */
  private final javafx.collections.ObservableMap<Long, String> connections = FXCollections.observableHashMap();
  /** The others heard speaking just now. */
  private final javafx.collections.ObservableSet<Long> speaking = FXCollections.observableSet();
  private final BooleanProperty selfSpeaking = new SimpleBooleanProperty();
  final Map<Long, MediaSession> sessions = new HashMap<>();
  /** Where this side's own camera goes (set by the window's own tile). */
  java.util.function.Consumer<MediaSession.Frame> preview = frame -> { };
  SpeakingMeter meter;
  final Map<Long, java.util.function.Consumer<MediaSession.Frame>> tiles = new HashMap<>();
  LocalMedia local;
  private final BooleanProperty microphoneOn = new SimpleBooleanProperty(true);
  private final BooleanProperty cameraOn;

  GroupCall(long conversationId, String media) {
    this.conversationId = conversationId;
    this.media = media;
    // a voice call starts, and stays, without the camera
    this.cameraOn = new SimpleBooleanProperty("video".equals(media));
  }

  public long conversationId() {
    return conversationId;
  }

  public String media() {
    return media;
  }

  public LongProperty callIdProperty() {
    return callId;
  }

  public BooleanProperty joinedProperty() {
    return joined;
  }

  public BooleanProperty endedProperty() {
    return ended;
  }

  public javafx.beans.property.StringProperty refusedProperty() {
    return refused;
  }

  public BooleanProperty microphoneOnProperty() {
    return microphoneOn;
  }

  public BooleanProperty cameraOnProperty() {
    return cameraOn;
  }

  public ObservableList<Long> participants() {
    return participants;
  }

  public javafx.collections.ObservableMap<Long, Boolean> cameras() {
    return cameras;
  }

  public javafx.collections.ObservableMap<Long, String> connections() {
    return connections;
  }

  public javafx.collections.ObservableSet<Long> speaking() {
    return speaking;
  }

  /** Whether this side is heard speaking just now (never while muted). */
  public BooleanProperty selfSpeakingProperty() {
    return selfSpeaking;
  }

  /** Where this side's own camera picture goes. */
  public void onPreview(java.util.function.Consumer<MediaSession.Frame> view) {
    this.preview = view;
  }

  /** Where one participant's video goes (set by the window's tile). */
  public void onFrame(long userId, java.util.function.Consumer<MediaSession.Frame> tile) {
    tiles.put(userId, tile);
  }

  /** The media with one participant, once there is a connection to them. */
  public MediaSession session(long userId) {
    return sessions.get(userId);
  }

  void deliver(long userId, MediaSession.Frame frame) {
    var tile = tiles.get(userId);
    if (tile != null) {
      tile.accept(frame);
    }
  }
}
