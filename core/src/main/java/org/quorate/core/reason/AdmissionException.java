package org.quorate.core.reason;

/**
 * A check of the admission pipeline (SPEC §2) refused an input. Each stage throws its own subclass;
 * the façade maps it to a recorded outcome. The message is one sentence for a human (a national PKI
 * officer reading the portal); where it reports a mismatch it prints both values.
 */
public class AdmissionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ReasonCode reasonCode;

  /**
   * @param reasonCode the SPEC §2 reason code
   * @param message one sentence saying what failed, with the values compared
   */
  public AdmissionException(ReasonCode reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /**
   * @param reasonCode the SPEC §2 reason code
   * @param message one sentence saying what failed
   * @param cause the library error behind it
   */
  public AdmissionException(ReasonCode reasonCode, String message, Throwable cause) {
    super(message, cause);
    this.reasonCode = reasonCode;
  }

  /**
   * @return the reason code of the failed check
   */
  public ReasonCode reasonCode() {
    return reasonCode;
  }
}
