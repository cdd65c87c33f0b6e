package ling.client.call;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import ling.client.i18n.Texts;
import ling.client.ui.Avatar;
import ling.client.ui.Themes;

/**
 * A call: an incoming one with accept and reject (and a ring), then the call itself with its
 * timer, microphone and camera switches and the hang-up; it says plainly how the call ended.
 */
public final class CallWindow {

  private final Stage stage = new Stage();
  private final CallModel call;
  private final Calls calls;
  private final Texts texts;
  private final Ringer ringer = new Ringer();
  private final Label status = new Label();
  private Timeline clock;

  public CallWindow(Window owner, CallModel call, Calls calls, Texts texts, String peerName, String theme) {
    this.call = call;
    this.calls = calls;
    this.texts = texts;
    stage.initOwner(owner);
    stage.setTitle(texts.get("call.title", peerName));

    Label name = new Label(peerName);
    name.getStyleClass().add("call-name");
    status.setId("callStatus");
    status.getStyleClass().add("muted-text");
    javafx.scene.image.ImageView video = new javafx.scene.image.ImageView();
    video.setId("remoteVideoImage");
    video.setFitWidth(340);
    video.setFitHeight(255);
    video.setPreserveRatio(true);
    // the peer's initial shows while its camera is off or it has none
    video.visibleProperty().bind(call.peerCameraProperty());
    StackPane remote = new StackPane(Avatar.of(peerName), video);
    StackPane.setAlignment(video, Pos.CENTER);
    javafx.scene.image.ImageView preview = new javafx.scene.image.ImageView();
    preview.setId("localVideo");
    preview.setFitWidth(96);
    preview.setFitHeight(72);
    preview.setPreserveRatio(true);
    StackPane.setAlignment(preview, Pos.BOTTOM_RIGHT);
    preview.visibleProperty().bind(call.cameraOnProperty());
    remote.getChildren().add(preview);
    call.onFrame(painter(video));
    call.localProperty().addListener((obs, was, local) -> {
      if (local != null) {
        local.onPreview(painter(preview));
      }
    });
    Label connection = new Label();
    connection.setId("mediaState");
    connection.getStyleClass().add("muted-text");
    connection.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> connectionText(texts, call.connectionProperty().get()), call.connectionProperty()));
    remote.setId("remoteVideo");
    remote.getStyleClass().add("call-remote");
    remote.setMinSize(340, 255);

    Button accept = new Button(texts.get("call.accept"));
    accept.setId("acceptCall");
    accept.getStyleClass().add("call-accept");
    accept.setOnAction(e -> calls.accept(call));
    Button reject = new Button(texts.get("call.reject"));
    reject.setId("rejectCall");
    reject.getStyleClass().add("call-hangup");
    reject.setOnAction(e -> calls.reject(call));
    HBox answering = new HBox(16, accept, reject);
    answering.setAlignment(Pos.CENTER);

    ToggleButton microphone = new ToggleButton(texts.get("call.mute"));
    microphone.setId("muteMic");
    microphone.selectedProperty().addListener((obs, was, muted) -> call.microphoneOnProperty().set(!muted));
    ToggleButton camera = new ToggleButton(texts.get("call.cameraOff"));
    camera.setId("toggleCamera");
    camera.setSelected(!call.cameraOnProperty().get());
    camera.selectedProperty().addListener((obs, was, off) -> call.cameraOnProperty().set(!off));
    // the peer's switch to voice turns the camera off here too
    call.cameraOnProperty().addListener((obs, was, on) -> camera.setSelected(!on));
    camera.visibleProperty().bind(call.mediaProperty().isEqualTo("video"));
    Button switchMedia = new Button();
    switchMedia.setId("switchMedia");
    switchMedia.textProperty().bind(javafx.beans.binding.Bindings.when(call.mediaProperty().isEqualTo("video"))
        .then(texts.get("call.toVoice")).otherwise(texts.get("call.toVideo")));
    switchMedia.setOnAction(e -> calls.switchMedia(call,
        "video".equals(call.mediaProperty().get()) ? "audio" : "video"));
    switchMedia.disableProperty().bind(call.stateProperty().isNotEqualTo(CallModel.State.CONNECTED));
    Button hangUp = new Button(texts.get("call.hangUp"));
    hangUp.setId("hangUp");
    hangUp.getStyleClass().add("call-hangup");
    hangUp.setOnAction(e -> calls.hangup(call));
    HBox controls = new HBox(12, microphone, camera, switchMedia, hangUp);
    controls.setAlignment(Pos.CENTER);

    boolean ringingHere = call.incoming() && call.stateProperty().get() == CallModel.State.RINGING;
    answering.visibleProperty().bind(call.stateProperty().isEqualTo(CallModel.State.RINGING));
    answering.managedProperty().bind(answering.visibleProperty());
    controls.visibleProperty().bind(answering.visibleProperty().not()
        .and(call.stateProperty().isNotEqualTo(CallModel.State.ENDED)));
    controls.managedProperty().bind(controls.visibleProperty());

    VBox root = new VBox(12, remote, name, status, connection, answering, controls);
    root.setId("callWindow");
    root.setAlignment(Pos.CENTER);
    root.setStyle("-fx-padding: 16;");
    Scene scene = new Scene(root, 480, 420);
    Themes.apply(scene, theme);
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> {
      if (!call.ended()) {
        if (call.stateProperty().get() == CallModel.State.RINGING && call.incoming()) {
          calls.reject(call);
        } else {
          calls.hangup(call);
        }
      }
    });
    call.stateProperty().addListener((obs, was, now) -> stateChanged(now));
    stateChanged(call.stateProperty().get());
    if (ringingHere) {
      ringer.start();
    }
  }

  /** A peer connection's state as the user reads it: connecting, connected, reconnecting, failed. */
  static String connectionText(Texts texts, String state) {
    return switch (state == null ? "" : state) {
      case "new", "connecting" -> texts.get("call.media.connecting");
      case "connected" -> texts.get("call.media.connected");
      case "disconnected" -> texts.get("call.media.reconnecting");
      case "failed" -> texts.get("call.media.failed");
      default -> "";
    };
  }

  public void show() {
    stage.show();
    stage.toFront();
  }

  /**
   * Frames to an image view: they come on a media thread, and only the newest is painted on the FX
   * thread (the ones between are skipped, never queued).
   */
  static java.util.function.Consumer<MediaSession.Frame> painter(javafx.scene.image.ImageView view) {
    java.util.concurrent.atomic.AtomicReference<MediaSession.Frame> latest =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();
    return frame -> {
      latest.set(frame);
      if (pending.compareAndSet(false, true)) {
        javafx.application.Platform.runLater(() -> {
          pending.set(false);
          MediaSession.Frame f = latest.getAndSet(null);
          if (f == null) {
            return;
          }
          if (!(view.getImage() instanceof javafx.scene.image.WritableImage image)
              || image.getWidth() != f.width() || image.getHeight() != f.height()) {
            view.setImage(new javafx.scene.image.WritableImage(f.width(), f.height()));
          }
          ((javafx.scene.image.WritableImage) view.getImage()).getPixelWriter().setPixels(0, 0, f.width(), f.height(),
              javafx.scene.image.PixelFormat.getByteBgraPreInstance(), f.bgra(), 0, f.width() * 4);
        });
      }
    };
  }
  public Stage stage() {
    return stage;
  }

  private void stateChanged(CallModel.State state) {
    if (state != CallModel.State.RINGING) {
      ringer.stop();
    }
    switch (state) {
      case CALLING -> status.setText(texts.get("call.calling"));
      case RINGING -> status.setText(texts.get(call.incoming() ? "call.incoming." + call.mediaProperty().get()
          : "call.calling"));
      case CONNECTED -> {
        clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> status.setText(elapsed())));
        clock.setCycleCount(Timeline.INDEFINITE);
        status.setText(elapsed());
        clock.play();
      }
      case ENDED -> {
        if (clock != null) {
          clock.stop();
        }
        status.setText(texts.get("call.ended." + call.endReasonProperty().get()));
        // answered on another device: nothing to read here
        Duration linger = "answered_elsewhere".equals(call.endReasonProperty().get()) ? Duration.ZERO
            : Duration.seconds(2);
        javafx.animation.PauseTransition close = new javafx.animation.PauseTransition(linger);
        close.setOnFinished(e -> stage.close());
        close.play();
      }
      default -> {
      }
    }
  }

  private String elapsed() {
    long seconds = Math.max(0, (System.currentTimeMillis() - call.connectedAtProperty().get()) / 1000);
    return String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
