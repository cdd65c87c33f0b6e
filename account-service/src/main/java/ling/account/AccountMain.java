package ling.account;

import ling.account.impl.AccountVerticle;
import ling.common.runtime.ServiceMain;

/** Runs the account service as its own process in the cluster. */
public final class AccountMain {

  private AccountMain() {
  }

  public static void main(String[] args) {
    ServiceMain.run("account-service", AccountVerticle::new);
  }
}
