package ling.gateway.impl;

/** Thrown by request parsing to answer with a contract error. */
public final class ApiException extends RuntimeException {

  public final ApiError error;

  public ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public static ApiException invalid(String field, String problem) {
    return new ApiException(ApiError.invalid(field, problem));
  }
}
