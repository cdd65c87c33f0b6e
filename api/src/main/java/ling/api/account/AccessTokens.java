package ling.api.account;

/** What the account service and the token verifiers agree on about access tokens. */
public final class AccessTokens {

  /** Issue time in milliseconds: {@code iat} has only seconds, too coarse to order against a revocation. */
  public static final String CLAIM_ISSUED_MS = "iat_ms";

  /** The session (refresh-token family) a token belongs to. */
  public static final String CLAIM_SESSION = "sid";

  /**
   * Cluster-wide map from user id to the epoch millis before which that user's access tokens are
   * void (set on password change or reset; entries outlive the longest access token).
   */
  public static final String REVOCATIONS_MAP = "ling.access-token-revocations";

  /** The push event after which a user's sockets are closed with 4401. */
  public static final String SESSION_REVOKED_EVENT = "session.revoked";

  private AccessTokens() {
  }
}
