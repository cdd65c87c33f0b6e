package ling.gateway.impl;

import io.vertx.serviceproxy.ServiceException;
import ling.api.Failures;

/** A 429 that carries its Retry-After. */
public final class RateLimited extends ServiceException {

  public final long retryAfterSeconds;

  public RateLimited(long retryAfterSeconds) {
    super(Failures.RATE_LIMITED, "too many attempts; retry in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
