package ling.client.files;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import ling.client.ui.Icons;

/**
 * A picture in a window of its own, fitted to it at first; zoom with the buttons, Ctrl and the
 * wheel, or + and - (0 fits it again), and drag to move around a zoomed picture.
 */
final class ImageViewer {

  static final double MIN_ZOOM = 0.1;
  static final double MAX_ZOOM = 8;
  private static final double STEP = 1.25;

  private final Stage stage = new Stage();
  private final ImageView view = new ImageView();
  private final ScrollPane scroller = new ScrollPane(view);
  /** 1 is the picture's own size. */
  private final DoubleProperty zoom = new SimpleDoubleProperty(1);

  ImageViewer(Window owner, String title, javafx.beans.value.ObservableValue<Image> image, double width,
              double height) {
    stage.initOwner(owner);
    stage.setTitle(title);
    view.imageProperty().bind(image);
    view.setPreserveRatio(true);
    view.fitWidthProperty().bind(zoom.multiply(width));
    scroller.setPannable(true);
    scroller.setId("imageViewer");
    Label percent = new Label();
    percent.setId("zoomLevel");
    percent.textProperty().bind(zoom.multiply(100).asString("%.0f %%"));
    Button out = Icons.button("zoomOut", "mdi2m-magnify-minus-outline", "−");
    Button in = Icons.button("zoomIn", "mdi2m-magnify-plus-outline", "+");
    Button fit = Icons.button("zoomFit", "mdi2f-fit-to-page-outline", "0");
    out.setOnAction(e -> zoomBy(1 / STEP));
    in.setOnAction(e -> zoomBy(STEP));
    fit.setOnAction(e -> fit(width, height));
    HBox tools = new HBox(4, out, percent, in, fit);
    tools.setAlignment(Pos.CENTER);
    BorderPane root = new BorderPane(scroller, null, null, tools, null);
    scroller.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
      if (e.isControlDown() || e.isShortcutDown()) {
        zoomBy(e.getDeltaY() > 0 ? STEP : 1 / STEP);
        e.consume();
      }
    });
    root.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
        zoomBy(STEP);
      } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
        zoomBy(1 / STEP);
      } else if (e.getCode() == KeyCode.DIGIT0 || e.getCode() == KeyCode.NUMPAD0) {
        fit(width, height);
      } else if (e.getCode() == KeyCode.ESCAPE) {
        stage.close();
      }
    });
    Scene scene = new Scene(root, Math.min(1000, width + 40), Math.min(760, height + 80));
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
    }
    stage.setScene(scene);
    fit(Math.min(1000, width + 40) - 40, Math.min(760, height + 80) - 80, width, height);
  }

  void show() {
    stage.show();
  }

  DoubleProperty zoomProperty() {
    return zoom;
  }

  Stage stage() {
    return stage;
  }

  private void zoomBy(double factor) {
    zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor)));
  }

  /** The whole picture in the window, never larger than its own size. */
  private void fit(double width, double height) {
    fit(scroller.getViewportBounds().getWidth(), scroller.getViewportBounds().getHeight(), width, height);
  }

  private void fit(double roomWidth, double roomHeight, double width, double height) {
    if (width <= 0 || height <= 0 || roomWidth <= 0 || roomHeight <= 0) {
      zoom.set(1);
      return;
    }
    zoom.set(Math.max(MIN_ZOOM, Math.min(1, Math.min(roomWidth / width, roomHeight / height))));
  }
}
