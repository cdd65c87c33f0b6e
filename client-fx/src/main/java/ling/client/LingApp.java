package ling.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The Ling desktop client: for now, the server address and whether that server is up. */
public class LingApp extends Application {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public void start(Stage stage) {
    TextField server = new TextField("http://127.0.0.1:8080");
    server.setId("server");
    Label status = new Label("Not checked");
    status.setId("status");
    Button check = new Button("Check server");
    check.setOnAction(e -> {
      status.setText("Checking…");
      // network work stays off the FX thread
      health(server.getText().strip()).thenAccept(text -> Platform.runLater(() -> status.setText(text)));
    });
    VBox root = new VBox(8, new Label("Ling"), server, check, status);
    root.setPadding(new Insets(12));
    stage.setTitle("Ling");
    stage.setScene(new Scene(root, 360, 200));
    stage.show();
  }

  private CompletableFuture<String> health(String base) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/health"))
          .timeout(Duration.ofSeconds(5)).GET().build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .thenApply(r -> r.statusCode() == 200 ? "Server is up" : "Server answered " + r.statusCode())
          .exceptionally(err -> "Cannot reach the server");
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture("Not a valid address");
    }
  }

  public static void main(String[] args) {
    launch(args);
  }
}
