package ling.api;

import io.vertx.serviceproxy.ServiceException;

/**
 * Failure codes shared by every service. A {@link ServiceException} carries one of these (or a
 * service-specific code declared on its interface) and a message; the gateway maps codes to
 * HTTP statuses and WebSocket error frames in one place.
 *
 * <p>Codes below 1000 are HTTP statuses. Service-specific codes are five digits whose first
 * three are the HTTP status they map to (e.g. 40901 is a 409).
 */
public final class Failures {

  public static final int INVALID_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int GONE = 410;
  public static final int TOO_LARGE = 413;
  public static final int RATE_LIMITED = 429;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;

  private Failures() {
  }

  /** A 400 whose message starts with the offending field's name. */
  public static ServiceException invalid(String field, String problem) {
    return new ServiceException(INVALID_REQUEST, field + ": " + problem);
  }

  public static ServiceException of(int code, String message) {
    return new ServiceException(code, message);
  }
}
