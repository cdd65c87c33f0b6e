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

  /** The contract's error body of a response (or its status alone, when it has none). */
  static ApiException of(java.net.http.HttpResponse<String> response) {
    String code = "http_" + response.statusCode();
    String message = "the server answered " + response.statusCode();
    try {
      var error = Wire.tree(response.body()).path("error");
      if (error.hasNonNull("code")) {
        code = error.get("code").asText();
        message = error.path("message").asText(message);
      }
    } catch (RuntimeException notJson) {
      // the status says enough
    }
    long retryAfter = response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        return 0L;
      }
    }).orElse(0L);
    return new ApiException(response.statusCode(), code, message, retryAfter);
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
