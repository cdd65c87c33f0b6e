package ling.gateway;

import ling.common.runtime.ServiceMain;
import ling.gateway.impl.GatewayVerticle;

/** Runs a gateway as its own process in the cluster; any number may run side by side. */
public final class GatewayMain {

  private GatewayMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("gateway", GatewayVerticle::new);
  }
}
