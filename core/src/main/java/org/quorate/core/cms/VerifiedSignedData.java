package org.quorate.core.cms;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A CMS SignedData (RFC 5652 §5) that passed admission stages 1 and 2 (SPEC §2): the profile of
 * SPEC §1 holds and the one SignerInfo's signature and message digest verify with the certificate
 * it names. Nothing here says the certificate is trusted: that is stage 5.
 *
 * <p>The arrays are the verifier's own (not copied, for speed); callers must not modify them.
 *
 * @param der the exact DER received (the non-repudiable evidence; its SHA-256 is the input id)
 * @param content the signed content, the eContent octets (its SHA-256 is the event id)
 * @param signerCertificate the certificate the SignerInfo's sid names
 * @param certificates every X.509 certificate in the SignedData, the signer's first, then the
 *     others in the order they appear
 * @param signingTime the signing-time signed attribute (RFC 5652 §11.3), the signer's claim
 * @param digestAlgorithm the JCA name of the SignerInfo digest algorithm, e.g. {@code SHA-256}
 * @param signatureAlgorithm the JCA name of the signature algorithm, e.g. {@code SHA256withECDSA},
 *     {@code Ed25519}, {@code SHA256withRSA}, {@code RSASSA-PSS}
 * @param signerNames the signer certificate's signer id, subject and issuer-and-serial
 */
public record VerifiedSignedData(
    byte[] der,
    byte[] content,
    X509Certificate signerCertificate,
    List<X509Certificate> certificates,
    Instant signingTime,
    String digestAlgorithm,
    String signatureAlgorithm,
    SignerNames signerNames) {

  /**
   * @return the input id of SPEC §1: {@code sha256:} + hex SHA-256 of {@link #der()}
   */
  public String inputId() {
    return Ids.sha256Id(der);
  }

  /**
   * @return the event id of SPEC §1: {@code sha256:} + hex SHA-256 of {@link #content()}
   */
  public String eventId() {
    return Ids.sha256Id(content);
  }

  /**
   * @return the signer of SPEC §1: {@code sha256:} + hex SHA-256 of the signer certificate's
   *     SubjectPublicKeyInfo
   */
  public String signer() {
    return signerNames.signer();
  }
}
