package ling.assistant.impl;

/** Why the backend gave no complete answer; the text is for logs, the kind is what users are told. */
final class BackendFailure extends RuntimeException {

  enum Kind {
    /** 401/403: the API key is missing, wrong or not allowed to use the model. */
    UNAUTHORIZED,
    /** 429: the backend's own rate limit or quota. */
    RATE_LIMITED,
    /** Unreachable, refused, or a 5xx or other unexpected status. */
    UNAVAILABLE,
    /** Nothing came for the idle time-out, or the answer took longer than its time-out. */
    TIMED_OUT,
    /** The stream was not the wire format: not JSON, no choices, or an error event. */
    MALFORMED,
    /** The connection ended before {@code [DONE]} or a finish reason. */
    INTERRUPTED,
    /** The answer grew past the configured maximum. */
    TOO_LONG
  }

  private final Kind kind;

  BackendFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
