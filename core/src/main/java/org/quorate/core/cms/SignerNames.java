package org.quorate.core.cms;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * What admission renders of a signer certificate, once per certificate (the verifier caches them
 * with the decoded certificate).
 *
 * @param signer the signer id of SPEC §1: {@code sha256:} + hex SHA-256 of the certificate's
 *     SubjectPublicKeyInfo as it stands in the certificate ({@link Ids#spkiHash})
 * @param subject the subject distinguished name, RFC 2253 form ({@link X500Principal#RFC2253})
 * @param issuerAndSerial the issuer distinguished name in canonical RFC 2253 form ({@link
 *     X500Principal#CANONICAL}), {@code #}, the serial number in lower-case hex: what a CRL entry
 *     names (RFC 5280 §5.3)
 */
public record SignerNames(String signer, String subject, String issuerAndSerial) {

  /**
   * @param certificate an X.509 certificate
   * @return its names
   * @throws IllegalArgumentException when the certificate cannot be encoded
   */
  public static SignerNames of(X509Certificate certificate) {
    return new SignerNames(
        Ids.spkiHash(certificate),
        certificate.getSubjectX500Principal().getName(),
        issuerAndSerial(certificate));
  }

  /**
   * @param certificate an X.509 certificate
   * @return its issuer (canonical RFC 2253) and serial (hex), as {@link #issuerAndSerial()}
   */
  public static String issuerAndSerial(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL)
        + "#"
        + certificate.getSerialNumber().toString(16);
  }
}
