package ling.client.ui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import ling.client.api.Gateway;

/** Bringing results of the network back onto the FX thread, where views change. */
public final class Fx {

  private Fx() {
  }

  public static void later(Runnable work) {
    if (Platform.isFxApplicationThread()) {
      work.run();
    } else {
      Platform.runLater(work);
    }
  }

  /** Runs {@code done} or {@code failed} on the FX thread once the future completes. */
  public static <T> void whenDone(CompletableFuture<T> future, Consumer<T> done, Consumer<Throwable> failed) {
    future.whenComplete((value, err) -> later(() -> {
      if (err != null) {
        failed.accept(Gateway.cause(err));
      } else {
        done.accept(value);
      }
    }));
  }
}
