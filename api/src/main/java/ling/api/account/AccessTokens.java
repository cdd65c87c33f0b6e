package ling.api.account;

/** What the account service and the token verifiers agree on about access tokens. */
public final class AccessTokens {

  /** Issue time in milliseconds: {@code iat} has only seconds, too coarse to order against a revocation. */
  public static final String CLAIM_ISSUED_MS = "iat_ms";

  /**
   * The installation (database) a token was issued for: a server on another database, a fresh one
   * whose user ids start again, refuses it even when it shares the signing key.
   */
  public static final String CLAIM_INSTALLATION = "inst";

  /** The session (refresh-token family) a token belongs to. */
  public static final String CLAIM_SESSION = "sid";

  /**
   * Cluster-wide map from user id to the epoch millis before which that user's access tokens are
   * void (set on password change or reset; entries outlive the longest access token).
   */
  public static final String REVOCATIONS_MAP = "ling.access-token-revocations";

  /**
   * Cluster-wide map from session id to true for sessions ended early (logout, refresh-token
   * reuse): their access tokens are void at once.
   */
  public static final String SESSION_REVOCATIONS_MAP = "ling.session-revocations";

  /**
   * Cluster-wide map holding {@link #RESTORED} once the account service has put back the
   * revocations of the last access-token lifetime from its database. The maps above live in the
   * cluster's memory; until this mark is there (the whole cluster restarted), no token is accepted.
   */
  public static final String REVOCATION_STATE_MAP = "ling.revocation-state";

  /** The key of {@link #REVOCATION_STATE_MAP} set once revocations are restored. */
  public static final String RESTORED = "restored";

  private AccessTokens() {
  }
}
