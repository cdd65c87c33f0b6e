package ling.chat;

import ling.common.runtime.ServiceMain;
import ling.chat.impl.ChatVerticle;

/** Runs the chat-service as its own process in the cluster. */
public final class ChatMain {

  private ChatMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("chat-service", ChatVerticle::new);
  }
}
