package ling.gateway.impl;

/** Thrown by request parsing to answer with a contract error. */
final class ApiException extends RuntimeException {

  final ApiError error;

  ApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  static ApiException invalid(String field, String problem) {
    return new ApiException(ApiError.invalid(field, problem));
  }
}
