package ling.client.chat;

import ling.client.files.Attachments;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.util.Duration;
import ling.client.ui.Fx;
import ling.client.api.Models.FileRef;
import ling.client.i18n.Texts;
import ling.client.ui.Icons;

/**
 * A video message played where it is: its first frame as the poster, a play button over it, then
 * play and pause, a position to drag and the time. Small videos are fetched as soon as they are
 * shown (for the poster), larger ones when asked to play.
 */
final class VideoCard extends VBox {

  /** Fetched without asking, as messengers do on a good connection, up to this size. */
  static final long FETCH_AT_ONCE_BYTES = 20L * 1024 * 1024;
  private static final double WIDTH = 240;

  private final FileRef file;
  private final Attachments attachments;
  private final StackPane screen = new StackPane();
  private final MediaView view = new MediaView();
  private final Button bigPlay;
  private final Button toggle;
  private final Slider position = new Slider(0, 1, 0);
  private final Label time = new Label("0:00");
  private final BooleanProperty posterShown = new SimpleBooleanProperty(false);
  private MediaPlayer player;
  private boolean playWhenReady;
  private boolean disposed;

  VideoCard(FileRef file, Attachments attachments, Texts texts) {
    this.file = file;
    this.attachments = attachments;
    getStyleClass().add("video-card");
    setId("video-" + file.fileId());
    double height = file.width() != null && file.height() != null && file.width() > 0
        ? Math.min(WIDTH * file.height() / file.width(), 320) : WIDTH * 9 / 16;
    view.setFitWidth(WIDTH);
    view.setFitHeight(height);
    view.setPreserveRatio(true);
    bigPlay = Icons.button("playVideo-" + file.fileId(), Icons.PLAY, texts.get("chat.video.play"));
    bigPlay.getStyleClass().add("video-play");
    bigPlay.setOnAction(e -> play());
    screen.getChildren().setAll(view, bigPlay);
    screen.getStyleClass().add("video-screen");
    screen.setMinSize(WIDTH, height);
    screen.setPrefSize(WIDTH, height);
    screen.setMaxSize(WIDTH, height);
    toggle = Icons.button("toggleVideo-" + file.fileId(), Icons.PLAY, texts.get("chat.video.play"));
    toggle.setOnAction(e -> {
      if (player != null && player.getStatus() == MediaPlayer.Status.PLAYING) {
        player.pause();
      } else {
        play();
      }
    });
    position.setId("videoPosition-" + file.fileId());
    HBox.setHgrow(position, Priority.ALWAYS);
    position.valueChangingProperty().addListener((obs, was, changing) -> {
      if (!changing && player != null) {
        holdingPoster = false;
        player.seek(player.getTotalDuration().multiply(position.getValue()));
      }
    });
    time.setId("videoTime-" + file.fileId());
    time.getStyleClass().add("muted-text");
    time.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label size = new Label(FileSizes.readable(file.size()));
    size.getStyleClass().add("muted-text");
    size.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox controls = new HBox(6, toggle, position, time, size);
    controls.setAlignment(Pos.CENTER_LEFT);
    controls.setMaxWidth(WIDTH);
    getChildren().setAll(screen, controls);
    setSpacing(4);
    if (file.size() <= FETCH_AT_ONCE_BYTES) {
      load();
    }
  }

  /** Whether the first frame stands on the screen (or the video is playing). */
  ReadOnlyBooleanProperty posterShownProperty() {
    return posterShown;
  }

  MediaPlayer player() {
    return player;
  }

  private void play() {
    if (player == null) {
      playWhenReady = true;
      load();
      return;
    }
    posterRun = false;
    holdingPoster = false;
    if (player.getStatus() == MediaPlayer.Status.STOPPED || player.getCurrentTime().greaterThanOrEqualTo(
        player.getTotalDuration())) {
      player.seek(Duration.ZERO);
    }
    player.setMute(false);
    player.play();
  }

  private boolean loading;
  /** Playing muted, only to draw the poster. */
  private boolean posterRun;
  /** The poster stands: the time shown is the start. */
  private boolean holdingPoster;

  private void load() {
    if (loading) {
      return;
    }
    loading = true;
    Fx.whenDone(attachments.localCopy(file), this::open, err -> {
      loading = false;
      time.setText("—");
    });
  }

  private void open(Path local) {
    if (disposed) {
      return;
    }
    try {
      player = new MediaPlayer(new Media(local.toUri().toString()));
    } catch (javafx.scene.media.MediaException | UnsupportedOperationException e) {
      // no decoder on this system: the card stays, with its size, and cannot play
      time.setText("—");
      return;
    }
    view.setMediaPlayer(player);
    player.setOnError(() -> time.setText("—"));
    player.currentTimeProperty().addListener((obs, was, now) -> {
      if (!holdingPoster) {
        showTime(now);
      }
    });
    player.statusProperty().addListener((obs, was, now) -> {
      boolean playing = now == MediaPlayer.Status.PLAYING && !player.isMute();
      bigPlay.setVisible(!playing);
      if (playing) {
        posterShown.set(true);
      }
      Icons.change(toggle, playing ? Icons.PAUSE : Icons.PLAY, toggle.getTooltip().getText());
    });
    player.setOnEndOfMedia(() -> {
      if (posterRun) {
        holdPoster();
        return;
      }
      player.pause();
      bigPlay.setVisible(true);
    });
    player.setOnReady(() -> {
      time.setText("0:00 / " + clock(player.getTotalDuration()));
      if (playWhenReady) {
        play();
      } else {
        showPoster();
      }
    });
  }

  /**
   * The poster: the player cannot draw a frame without playing, so it plays muted until the time
   * moves, pauses and goes back to the start. A player that runs ahead of the clock (a sound
   * device that takes samples faster than it plays them) may reach the end first; it then holds
   * the last frame, and playing starts from the beginning all the same.
   */
  private void showPoster() {
    posterRun = true;
    player.setMute(true);
    javafx.beans.value.ChangeListener<Duration> moved = new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends Duration> obs, Duration was, Duration now) {
        if (now.greaterThan(Duration.ZERO)) {
          player.currentTimeProperty().removeListener(this);
          if (posterRun) {
            player.pause();
          }
        }
      }
    };
    // back to the start only once paused: a seek while still playing is overtaken by the playback
    javafx.beans.value.ChangeListener<MediaPlayer.Status> paused = new javafx.beans.value.ChangeListener<>() {
      @Override
      public void changed(javafx.beans.value.ObservableValue<? extends MediaPlayer.Status> obs,
          MediaPlayer.Status was, MediaPlayer.Status now) {
        if (now == MediaPlayer.Status.PAUSED) {
          player.statusProperty().removeListener(this);
          if (posterRun) {
            holdPoster();
            player.seek(Duration.ZERO);
          }
        }
      }
    };
    player.currentTimeProperty().addListener(moved);
    player.statusProperty().addListener(paused);
    player.play();
  }

  /** The poster stands: the time shown is the start whatever the player reports on its way back. */
  private void holdPoster() {
    posterRun = false;
    holdingPoster = true;
    showTime(Duration.ZERO);
    posterShown.set(true);
  }

  private void showTime(Duration now) {
    Duration total = player.getMedia().getDuration();
    if (!position.isValueChanging() && total != null && total.toMillis() > 0) {
      position.setValue(now.toMillis() / total.toMillis());
    }
    time.setText(clock(now) + " / " + clock(total));
  }

  /** Lets go of the player: the cell shows another line now. */
  void dispose() {
    disposed = true;
    if (player != null) {
      view.setMediaPlayer(null);
      player.dispose();
      player = null;
    }
  }

  static String clock(Duration duration) {
    if (duration == null || duration.isUnknown() || duration.isIndefinite()) {
      return "0:00";
    }
    long seconds = (long) duration.toSeconds();
    return seconds / 60 + ":" + String.format("%02d", seconds % 60);
  }
}
