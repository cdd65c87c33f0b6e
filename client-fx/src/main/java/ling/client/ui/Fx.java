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

  /**
   * Runs {@code work} on the FX thread once the frame now being made is drawn: a pulse waits for
   * the frame of the one before, so the second pulse from now comes after it.
   */
  public static void afterFrame(Runnable work) {
    new javafx.animation.AnimationTimer() {
      private int pulses;

      @Override
      public void handle(long now) {
        if (++pulses == 2) {
          stop();
          work.run();
        }
      }
    }.start();
  }
}
