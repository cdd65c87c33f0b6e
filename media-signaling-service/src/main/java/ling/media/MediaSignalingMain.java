package ling.media;

import ling.common.runtime.ServiceMain;
import ling.media.impl.MediaSignalingVerticle;

/** Runs the media-signaling-service as its own process in the cluster. */
public final class MediaSignalingMain {

  private MediaSignalingMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("media-signaling-service", MediaSignalingVerticle::new);
  }
}
