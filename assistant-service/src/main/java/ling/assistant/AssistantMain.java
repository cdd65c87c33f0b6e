package ling.assistant;

import ling.assistant.impl.AssistantVerticle;
import ling.common.runtime.ServiceMain;

/** Runs the assistant-service as its own process in the cluster (where a backend is configured). */
public final class AssistantMain {

  private AssistantMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("assistant-service", AssistantVerticle::new);
  }
}
