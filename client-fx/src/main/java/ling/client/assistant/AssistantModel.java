package ling.client.assistant;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import ling.client.ui.Fx;
import ling.client.api.Gateway;
import ling.client.api.Models.AssistantStatus;

/**
 * The AI assistant, where the server has one: who it is, its conversation, and what the user may
 * still ask. Null status means there is no assistant, and nothing of it is shown.
 */
public final class AssistantModel {

  private static final System.Logger LOG = System.getLogger("ling.client");

  private final Gateway gateway;
  private final ObjectProperty<AssistantStatus> status = new SimpleObjectProperty<>();
  private javafx.animation.PauseTransition retry;
  private int retries;
  private boolean stopped;

  public AssistantModel(Gateway gateway) {
    this.gateway = gateway;
  }

  public ReadOnlyObjectProperty<AssistantStatus> statusProperty() {
    return status;
  }

  /**
   * Asks the server again (after sign-in, a reconnect, an answer or a refusal). While the server
   * cannot say (a service away, the conversation not open yet) it asks again a little later.
   */
  public void load() {
    Fx.whenDone(gateway.assistant(), now -> {
      status.set(now);
      if (now != null && now.conversationId() == 0) {
        later();
      } else {
        retries = 0;
      }
    }, err -> {
      LOG.log(System.Logger.Level.WARNING, "assistant not loaded: " + err.getMessage());
      if (!(err instanceof ling.client.api.ApiException api) || api.status() >= 500 || api.status() == 0) {
        later();
      }
    });
  }

  /** Another try in a while: 2 s, then up to a minute apart, for as long as the user is signed in. */
  private void later() {
    if (retry != null || stopped) {
      return;
    }
    long seconds = Math.min(60, 2L << Math.min(5, retries++));
    retry = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(seconds));
    retry.setOnFinished(e -> {
      retry = null;
      load();
    });
    retry.play();
  }

  /** No more tries: the user signed out. */
  public void stop() {
    stopped = true;
    if (retry != null) {
      retry.stop();
      retry = null;
    }
  }

  public boolean exists() {
    return status.get() != null;
  }

  public long userId() {
    return status.get() == null ? 0 : status.get().userId();
  }

  public long conversationId() {
    return status.get() == null ? 0 : status.get().conversationId();
  }

  public boolean isAssistant(long userId) {
    return userId != 0 && userId == userId();
  }

  /** An answer began (its first text streamed): the quota it took shows at once. */
  public void answerStarted() {
    AssistantStatus known = status.get();
    if (known != null && !known.answering()) {
      status.set(new AssistantStatus(known.userId(), known.displayName(), known.conversationId(),
          known.questionsPerWindow(), known.remaining(), known.resetsAt(), true));
      load();
    }
  }

  /** Asks for a summary of the conversation's unread messages; it arrives in the assistant's chat. */
  public void summarise(long conversationId, Consumer<AssistantStatus> started, Consumer<Throwable> failed) {
    Fx.whenDone(gateway.summarise(conversationId), now -> {
      status.set(now);
      started.accept(now);
    }, failed);
  }
}
