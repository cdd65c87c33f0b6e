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
 * A group call: the invitation (join or dismiss), then a grid of the participants, this side
 * first: each tile the video or, without one, the initial, framed while its owner is heard
 * speaking; it reflows as people come and go. Below, the microphone, the camera and leaving.
 */
public final class GroupCallWindow {

  private final Stage stage = new Stage();
  private final TilePane grid = new TilePane(8, 8);
  private final Map<Long, StackPane> tiles = new HashMap<>();
  private final GroupCall call;
  private final LongFunction<String> names;
  private final Texts texts;

  private static final javafx.css.PseudoClass SPEAKING = javafx.css.PseudoClass.getPseudoClass("speaking");
  private final StackPane self;

  public GroupCallWindow(Window owner, GroupCall call, Calls calls, Texts texts, String title, long selfId,
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
    join.getStyleClass().add("call-accept");
    join.visibleProperty().bind(call.joinedProperty().not().and(call.refusedProperty().isEmpty()));
    join.managedProperty().bind(join.visibleProperty());
    join.setOnAction(e -> calls.join(call));
    Button leave = ling.client.ui.Icons.button("leaveGroupCall", ling.client.ui.Icons.HANG_UP, texts.get("call.leave"));
    leave.getStyleClass().addAll("call-control", "call-hangup");
    leave.setOnAction(e -> calls.leave(call));
    javafx.scene.control.ToggleButton mute = toggle("groupMute", ling.client.ui.Icons.MICROPHONE,
        ling.client.ui.Icons.MICROPHONE_OFF, texts.get("call.mute"));
    mute.selectedProperty().addListener((obs, was, muted) -> call.microphoneOnProperty().set(!muted));
    javafx.scene.control.ToggleButton camera = toggle("groupCamera", ling.client.ui.Icons.VIDEO_CALL,
        ling.client.ui.Icons.CAMERA_OFF, texts.get("call.cameraOff"));
    camera.selectedProperty().addListener((obs, was, off) -> call.cameraOnProperty().set(!off));
    mute.visibleProperty().bind(call.joinedProperty());
    // a voice call has no camera to turn off
    camera.visibleProperty().bind(call.joinedProperty().and(
        javafx.beans.binding.Bindings.createBooleanBinding(() -> "video".equals(call.media()))));
    camera.managedProperty().bind(camera.visibleProperty());
    HBox controls = new HBox(16, join, mute, camera, leave);
    controls.setAlignment(Pos.CENTER);
    VBox root = new VBox(10, grid, status, controls);
    root.setId("groupCallWindow");
    root.setAlignment(Pos.CENTER);
    root.setStyle("-fx-padding: 12;");
    Scene scene = new Scene(root, 640, 560);
    Themes.apply(scene, theme);
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> calls.leave(call));
    self = selfTile(selfId);
    call.joinedProperty().addListener((obs, was, joined) -> reflow());
    call.participants().addListener((ListChangeListener<Long>) change -> reflow());
    call.speaking().addListener((javafx.collections.SetChangeListener<Long>) change -> tiles.forEach(
        (id, tile) -> tile.pseudoClassStateChanged(SPEAKING, call.speaking().contains(id))));
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

  /** The user's own tile first once in the call, then one per participant in the order they came. */
  private void reflow() {
    tiles.keySet().removeIf(id -> !call.participants().contains(id));
    for (Long id : call.participants()) {
      tiles.computeIfAbsent(id, this::tile);
    }
    java.util.List<javafx.scene.Node> shown = new java.util.ArrayList<>();
    if (call.joinedProperty().get()) {
      shown.add(self);
    }
    call.participants().forEach(id -> shown.add(tiles.get(id)));
    grid.getChildren().setAll(shown);
  }

  private static javafx.scene.control.ToggleButton toggle(String id, String on, String off, String tooltip) {
    javafx.scene.control.ToggleButton button = new javafx.scene.control.ToggleButton();
    button.setId(id);
    button.getStyleClass().addAll("icon-button", "call-control");
    button.setGraphic(ling.client.ui.Icons.icon(on, 22));
    button.selectedProperty().addListener((obs, was, selected) ->
        button.setGraphic(ling.client.ui.Icons.icon(selected ? off : on, 22)));
    button.setTooltip(new javafx.scene.control.Tooltip(tooltip));
    button.setAccessibleText(tooltip);
    button.setFocusTraversable(false);
    return button;
  }

  /** This side: its initial, its own camera while that sends, marked while heard speaking. */
  private StackPane selfTile(long selfId) {
    ImageView video = new ImageView();
    video.setFitWidth(300);
    video.setFitHeight(225);
    video.setPreserveRatio(true);
    video.visibleProperty().bind(call.cameraOnProperty());
    call.onPreview(CallWindow.painter(video));
    Label name = new Label(texts.get("call.you", names.apply(selfId)));
    name.getStyleClass().add("tile-name");
    StackPane.setAlignment(name, Pos.BOTTOM_LEFT);
    Label muted = new Label();
    muted.setGraphic(ling.client.ui.Icons.icon(ling.client.ui.Icons.MICROPHONE_OFF, 16));
    muted.getStyleClass().add("tile-name");
    muted.visibleProperty().bind(call.microphoneOnProperty().not());
    StackPane.setAlignment(muted, Pos.TOP_RIGHT);
    StackPane tile = new StackPane(ling.client.ui.Avatar.of(names.apply(selfId)), video, name, muted);
    tile.setId("tile-self");
    tile.getStyleClass().add("call-remote");
    call.selfSpeakingProperty().addListener((obs, was, speaking) -> tile.pseudoClassStateChanged(SPEAKING, speaking));
    return tile;
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
    tile.pseudoClassStateChanged(SPEAKING, call.speaking().contains(userId));
    call.onFrame(userId, CallWindow.painter(video));
    return tile;
  }
}
