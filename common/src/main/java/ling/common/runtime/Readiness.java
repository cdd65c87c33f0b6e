package ling.common.runtime;

import io.vertx.core.Future;

/** What a deployed part checks before it says it can serve (its database answers, its port is bound). */
@FunctionalInterface
public interface Readiness {

  /** Succeeds when the part can serve now; fails with the reason otherwise. */
  Future<Void> ready();
}
