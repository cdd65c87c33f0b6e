package ling.client.assistant;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import ling.client.Fx;
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

  public AssistantModel(Gateway gateway) {
    this.gateway = gateway;
  }

  public ReadOnlyObjectProperty<AssistantStatus> statusProperty() {
    return status;
  }

  /** Asks the server again (after sign-in, a reconnect, an answer or a refusal). */
  public void load() {
    Fx.whenDone(gateway.assistant(), status::set,
        err -> LOG.log(System.Logger.Level.WARNING, "assistant not loaded: " + err.getMessage()));
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
