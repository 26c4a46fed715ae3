package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Reads, unverified, what an audit bundle's signed files and certificates hold (SPEC §5): the
 * attached content of a CMS SignedData (RFC 5652 §5), the size a tree head states, and an X.509
 * certificate (RFC 5280) from PEM or DER. Signatures are {@link BundleVerifier}'s business. Holds
 * no state.
 */
final class SignedFiles {
  private static final JsonMapper JSON = new JsonMapper();

  private SignedFiles() {}

  /** The tree size a signed tree head states (its signature is the verifier's business). */
  static long treeSize(byte[] sth) {
    try {
      JsonNode head = JSON.readTree(content(sth));
      if (head != null && head.path("size").canConvertToLong()) {
        return head.get("size").asLong();
      }
    } catch (IOException | IllegalArgumentException e) {
      // fall through
    }
    throw new IllegalArgumentException("the tree head's content states no size");
  }

  /** The attached content of a CMS SignedData, unverified. */
  static byte[] content(byte[] der) {
    try {
      CMSSignedData sd = new CMSSignedData(der);
      if (sd.getSignedContent() == null
          || !(sd.getSignedContent().getContent() instanceof byte[])) {
        throw new IllegalArgumentException("the SignedData has no attached content");
      }
      return (byte[]) sd.getSignedContent().getContent();
    } catch (CMSException | RuntimeException e) {
      throw new IllegalArgumentException("not a CMS SignedData: " + e.getMessage(), e);
    }
  }

  static byte[] pem(byte[] pemOrDer) {
    Objects.requireNonNull(pemOrDer, "certificate");
    X509Certificate c = certificate(pemOrDer);
    try {
      String b64 =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded());
      return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("not an X.509 certificate", e);
    }
  }

  /**
   * @param pemOrDer one certificate, PEM or DER
   * @return it
   * @throws IllegalArgumentException when it is none
   */
  static X509Certificate certificate(byte[] pemOrDer) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pemOrDer));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }
}
