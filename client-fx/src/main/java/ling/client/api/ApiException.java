package ling.client.api;

/**
 * A failure the gateway answered with the contract's error body (or could not be reached:
 * status 0, code {@code unreachable}).
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException unreachable(Throwable cause) {
    return new ApiException(0, "unreachable", cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage(), 0);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
