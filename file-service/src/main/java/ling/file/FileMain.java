package ling.file;

import ling.common.runtime.ServiceMain;
import ling.file.impl.FileVerticle;

/** Runs the file-service as its own process in the cluster. */
public final class FileMain {

  private FileMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("file-service", FileVerticle::new);
  }
}
