package org.quorate.core.pki;

/**
 * An operator's CRL import was refused ({@link ImportedCrls#verify}); nothing is kept.
 *
 * <p>Reason codes: {@code too-large} (more than {@link ImportedCrls#MAX_BYTES} bytes), {@code
 * malformed-crl} (not a DER or PEM X.509 CRL, RFC 5280 §5), {@code crl-issuer-not-anchor} (no trust
 * anchor of a member of the mission bears the CRL's issuer name), {@code bad-crl-signature} (an
 * anchor bears that name but no such anchor's key verifies the CRL's signature, or the anchor's
 * keyUsage forbids cRLSign).
 */
public class CrlImportException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reasonCode;

  /**
   * @param reasonCode one of the codes above
   * @param message one sentence for the operator
   */
  public CrlImportException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  /**
   * @return the machine-readable reason
   */
  public String reasonCode() {
    return reasonCode;
  }
}
