package org.quorate.core.reason;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Optional;

/**
 * Admission stage 5 (SPEC §2.5) refused a credential: no certification path (RFC 5280 §6) from the
 * credential to a trust anchor validates at the judged time. The reason code is {@link
 * ReasonCode#EXPIRED} or {@link ReasonCode#NOT_YET_VALID} (a certificate of the path is outside its
 * validity period), {@link ReasonCode#REVOKED} (a certificate of the path is revoked; {@link
 * #revocationTime()} and {@link #crl()} say when and by which CRL) or {@link
 * ReasonCode#PATH_INVALID} (everything else: signature, name chaining, basic constraints, key
 * usage, name constraints, policies, missing or unusable revocation information in strict mode).
 */
public class PathValidationException extends AdmissionException {
  private static final long serialVersionUID = 1L;

  private final transient Instant revocationTime;
  private final transient X509CRL crl;

  /**
   * @param reasonCode {@link ReasonCode#EXPIRED}, {@link ReasonCode#NOT_YET_VALID} or {@link
   *     ReasonCode#PATH_INVALID}
   * @param message one sentence saying what failed
   * @param cause the library error behind it, or {@code null}
   */
  public PathValidationException(ReasonCode reasonCode, String message, Throwable cause) {
    super(reasonCode, message, cause);
    this.revocationTime = null;
    this.crl = null;
  }

  /**
   * A revocation: reason code {@link ReasonCode#REVOKED}.
   *
   * @param message one sentence naming the certificate and the revocation time
   * @param revocationTime the revocationDate of the CRL entry, or {@code null} when the library did
   *     not report it
   * @param crl the CRL that lists the certificate, or {@code null} when the library did not report
   *     it
   * @param cause the library error behind it, or {@code null}
   */
  public PathValidationException(
      String message, Instant revocationTime, X509CRL crl, Throwable cause) {
    super(ReasonCode.REVOKED, message, cause);
    this.revocationTime = revocationTime;
    this.crl = crl;
  }

  /**
   * @return the revocation time of the revoked certificate, when the reason is {@link
   *     ReasonCode#REVOKED} and it is known
   */
  public Optional<Instant> revocationTime() {
    return Optional.ofNullable(revocationTime);
  }

  /**
   * @return the CRL that lists the revoked certificate, when the reason is {@link
   *     ReasonCode#REVOKED} and it is known
   */
  public Optional<X509CRL> crl() {
    return Optional.ofNullable(crl);
  }
}
