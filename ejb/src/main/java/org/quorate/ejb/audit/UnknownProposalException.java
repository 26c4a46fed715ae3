package org.quorate.ejb.audit;

import jakarta.ejb.ApplicationException;

/**
 * The mission is unknown or holds no such proposal; answered 404 {@code unknown-proposal} (or
 * {@code unknown-mission}) by REST.
 */
@ApplicationException(rollback = true)
public class UnknownProposalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Reason code when the mission is unknown. */
  public static final String UNKNOWN_MISSION = "unknown-mission";

  /** Reason code when the mission holds no such proposal. */
  public static final String UNKNOWN_PROPOSAL = "unknown-proposal";

  private final String reasonCode;

  /**
   * @param reasonCode {@link #UNKNOWN_MISSION} or {@link #UNKNOWN_PROPOSAL}
   * @param message one sentence naming the mission and proposal
   */
  public UnknownProposalException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /**
   * @return {@link #UNKNOWN_MISSION} or {@link #UNKNOWN_PROPOSAL}
   */
  public String reasonCode() {
    return reasonCode;
  }
}
