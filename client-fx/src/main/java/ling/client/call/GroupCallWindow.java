package ling.client.call;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import ling.client.i18n.Texts;
import ling.client.ui.Themes;

/**
 * A group call: the invitation (join or dismiss), then a grid of the participants' video that
 * reflows as people come and go, with the own preview and the leave button.
 */
public final class GroupCallWindow {

  private final Stage stage = new Stage();
  private final TilePane grid = new TilePane(8, 8);
  private final Map<Long, StackPane> tiles = new HashMap<>();
  private final GroupCall call;
  private final LongFunction<String> names;
  private final Texts texts;

  public GroupCallWindow(Window owner, GroupCall call, Calls calls, Texts texts, String title,
                         LongFunction<String> names, String theme) {
    this.call = call;
    this.names = names;
    this.texts = texts;
    stage.initOwner(owner);
    stage.setTitle(title);
    grid.setId("groupGrid");
    grid.setPrefColumns(2);
    grid.setPrefTileWidth(300);
    grid.setPrefTileHeight(225);
    Label status = new Label();
    status.setId("groupCallStatus");
    status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> !call.refusedProperty().get().isEmpty() ? texts.get(refusal(call.refusedProperty().get()))
            : call.joinedProperty().get() ? texts.get("call.inGroup", call.participants().size() + 1)
            : texts.get("video".equals(call.media()) ? "call.groupInvite" : "call.groupVoiceInvite"),
        call.joinedProperty(), call.participants(), call.refusedProperty()));
    Button join = new Button(texts.get("call.join"));
    join.setId("joinGroupCall");
    join.visibleProperty().bind(call.joinedProperty().not().and(call.refusedProperty().isEmpty()));
    join.managedProperty().bind(join.visibleProperty());
    join.setOnAction(e -> calls.join(call));
    Button leave = new Button(texts.get("call.leave"));
    leave.setId("leaveGroupCall");
    leave.getStyleClass().add("call-hangup");
    leave.setOnAction(e -> calls.leave(call));
    javafx.scene.control.ToggleButton mute = new javafx.scene.control.ToggleButton(texts.get("call.mute"));
    mute.setId("groupMute");
    mute.selectedProperty().addListener((obs, was, muted) -> call.microphoneOnProperty().set(!muted));
    javafx.scene.control.ToggleButton camera = new javafx.scene.control.ToggleButton(texts.get("call.cameraOff"));
    camera.setId("groupCamera");
    camera.selectedProperty().addListener((obs, was, off) -> call.cameraOnProperty().set(!off));
    mute.visibleProperty().bind(call.joinedProperty());
    // a voice call has no camera to turn off
    camera.visibleProperty().bind(call.joinedProperty().and(
        javafx.beans.binding.Bindings.createBooleanBinding(() -> "video".equals(call.media()))));
    camera.managedProperty().bind(camera.visibleProperty());
    HBox controls = new HBox(12, join, mute, camera, leave);
    controls.setAlignment(Pos.CENTER);
    VBox root = new VBox(10, grid, status, controls);
    root.setId("groupCallWindow");
    root.setAlignment(Pos.CENTER);
    root.setStyle("-fx-padding: 12;");
    Scene scene = new Scene(root, 640, 560);
    Themes.apply(scene, theme);
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> calls.leave(call));
    call.participants().addListener((ListChangeListener<Long>) change -> reflow());
    call.endedProperty().addListener((obs, was, ended) -> {
      if (ended) {
        stage.close();
      }
    });
    reflow();
  }

  private static String refusal(String code) {
    return switch (code) {
      case "busy", "call_full", "call_ended" -> "call.ended." + code;
      default -> "call.ended.failed";
    };
  }

  public void show() {
    stage.show();
  }

  /** One tile per participant, in the order they came. */
  private void reflow() {
    tiles.keySet().removeIf(id -> !call.participants().contains(id));
    for (Long id : call.participants()) {
      tiles.computeIfAbsent(id, this::tile);
    }
    grid.getChildren().setAll(call.participants().stream().map(tiles::get).toList());
  }

  private StackPane tile(long userId) {
    ImageView video = new ImageView();
    video.setFitWidth(300);
    video.setFitHeight(225);
    video.setPreserveRatio(true);
    // a participant whose camera is off shows its initial
    video.visibleProperty().bind(javafx.beans.binding.Bindings.valueAt(call.cameras(), userId).isNotEqualTo(false));
    Label name = new Label(names.apply(userId));
    name.getStyleClass().add("tile-name");
    StackPane.setAlignment(name, Pos.BOTTOM_LEFT);
    // the initial shows until video comes (a participant without a camera stays a voice tile)
    Label state = new Label();
    state.setId("tileState-" + userId);
    state.getStyleClass().add("tile-name");
    state.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> CallWindow.connectionText(texts, call.connections().get(userId)), call.connections()));
    StackPane.setAlignment(state, Pos.TOP_RIGHT);
    StackPane tile = new StackPane(ling.client.ui.Avatar.of(names.apply(userId)), video, name, state);
    tile.setId("tile-" + userId);
    tile.getStyleClass().add("call-remote");
    call.onFrame(userId, CallWindow.painter(video));
    return tile;
  }
}
