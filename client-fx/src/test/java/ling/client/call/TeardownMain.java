package ling.client.call;

import java.util.concurrent.TimeUnit;

/**
 * Two peers of a video call in one process, connected through an in-memory signaling channel,
 * then torn down the way the client does; main returns normally, and the process must end by
 * itself (without {@code System.exit}). Prints the frames each side received.
 */
public final class TeardownMain {

  private TeardownMain() {
  }

  public static void main(String[] args) throws Exception {
    try (TwoPeers peers = new TwoPeers(true, signal -> { })) {
      peers.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while ((peers.a.receivedFrames() < 30 || peers.b.receivedFrames() < 30) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      System.out.println("frames " + peers.a.receivedFrames() + " " + peers.b.receivedFrames());
    }
  }
}
