package org.quorate.core.cms;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * The identifiers of SPEC §1: {@code sha256:} followed by the lower-case hex SHA-256 (FIPS 180-4)
 * of some bytes — the event id (signed content), the input id (whole DER received), the genesis id,
 * and {@code signer}, the hash of a certificate's DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
 */
public final class Ids {
  /** The prefix of every id. */
  public static final String PREFIX = "sha256:";

  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  /**
   * @param bytes any bytes, e.g. the signed content or the DER of an input
   * @return {@code sha256:} + 64 lower-case hex digits
   */
  public static String sha256Id(byte[] bytes) {
    return PREFIX + HEX.formatHex(sha256(bytes));
  }

  /**
   * The {@code signer} value of SPEC §1.
   *
   * @param certificate an X.509 certificate
   * @return {@code sha256:} + hex SHA-256 of its DER SubjectPublicKeyInfo
   * @throws IllegalArgumentException when the certificate cannot be encoded
   */
  public static String spkiHash(X509Certificate certificate) {
    try {
      // The SubjectPublicKeyInfo as it stands in the certificate, not a provider's re-encoding
      // of the key (which may, e.g., decompress an EC point).
      return sha256Id(
          Certificate.getInstance(certificate.getEncoded())
              .getSubjectPublicKeyInfo()
              .getEncoded(ASN1Encoding.DER));
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  /**
   * @param bytes any bytes
   * @return their SHA-256 in 64 lower-case hex digits, without prefix (e.g. a manifest line)
   */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256(bytes));
  }

  /**
   * The fingerprint of a certificate, as pins and bundles name trust anchors (SPEC §5).
   *
   * @param certificate an X.509 certificate
   * @return the lower-case hex SHA-256 of its DER, without prefix
   * @throws IllegalArgumentException when the certificate cannot be encoded
   */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return sha256Hex(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  /**
   * @param bytes any bytes
   * @return the 32-byte SHA-256 digest (FIPS 180-4)
   */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
