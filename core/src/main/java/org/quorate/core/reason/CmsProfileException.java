package org.quorate.core.reason;

/**
 * Admission stage 1 (SPEC §1, §2.1) refused an input: it is too large, not a DER CMS SignedData
 * (RFC 5652 §5) of the Quorate profile, or it uses an algorithm or key outside SPEC §1. The reason
 * code is one of {@link ReasonCode#TOO_LARGE}, {@link ReasonCode#MALFORMED_CMS}, {@link
 * ReasonCode#DETACHED_CONTENT}, {@link ReasonCode#SIGNER_COUNT}, {@link
 * ReasonCode#NO_SIGNED_ATTRIBUTES}, {@link ReasonCode#ALGORITHM_NOT_ALLOWED} or {@link
 * ReasonCode#WEAK_KEY}.
 */
public class CmsProfileException extends AdmissionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param reasonCode a stage 1 reason code
   * @param message one sentence saying what failed, with the values compared
   */
  public CmsProfileException(ReasonCode reasonCode, String message) {
    super(reasonCode, message);
  }

  /**
   * @param reasonCode a stage 1 reason code
   * @param message one sentence saying what failed
   * @param cause the library error behind it
   */
  public CmsProfileException(ReasonCode reasonCode, String message, Throwable cause) {
    super(reasonCode, message, cause);
  }
}
