package org.quorate.core.reason;

/**
 * Admission stage 2 (SPEC §2.2) refused an input: the SignerInfo's signature over the signed
 * attributes, or the message-digest attribute over the content (RFC 5652 §5.4, §5.6), does not
 * verify with the public key of the signer's certificate. Reason code {@link
 * ReasonCode#BAD_SIGNATURE}.
 */
public class SignatureVerificationException extends AdmissionException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one sentence saying what failed
   */
  public SignatureVerificationException(String message) {
    super(ReasonCode.BAD_SIGNATURE, message);
  }

  /**
   * @param message one sentence saying what failed
   * @param cause the library error behind it
   */
  public SignatureVerificationException(String message, Throwable cause) {
    super(ReasonCode.BAD_SIGNATURE, message, cause);
  }
}
