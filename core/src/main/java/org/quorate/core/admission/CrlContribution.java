package org.quorate.core.admission;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.quorate.core.event.Event;
import org.quorate.core.reason.AdmissionException;
import org.quorate.core.reason.ReasonCode;

/**
 * The CRL carried by a {@code crl} contribution (SPEC §1: {@code {"crl":"base64 DER CRL issued
 * under the member's anchor"}}, §2.5). A CRL counts only when signed by one of the trust anchors of
 * the member that delivers it.
 */
public final class CrlContribution {
  /** Largest CRL accepted, in bytes of DER. */
  public static final int MAX_CRL_BYTES = 2 * 1024 * 1024;

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private CrlContribution() {}

  /**
   * @param e a {@code crl} event
   * @return its CRL
   * @throws AdmissionException {@code malformed-content} when the body is not base64 DER of an
   *     X.509 CRL (RFC 5280 §5) within {@link #MAX_CRL_BYTES}
   */
  public static X509CRL parse(Event e) throws AdmissionException {
    String b64 = e.body().path("crl").asText("");
    if (b64.length() > MAX_CRL_BYTES / 3 * 4 + 4) {
      throw new AdmissionException(
          ReasonCode.MALFORMED_CONTENT, "The CRL exceeds " + MAX_CRL_BYTES + " bytes.");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(b64);
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509", BC)
                  .generateCRL(new ByteArrayInputStream(der));
      if (crl == null) {
        throw new CRLException("no CRL");
      }
      return crl;
    } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException ex) {
      throw new AdmissionException(
          ReasonCode.MALFORMED_CONTENT, "The body's \"crl\" is not a base64 DER X.509 CRL.");
    }
  }

  /**
   * @param crl a CRL
   * @param anchors the delivering member's trust anchors
   * @throws AdmissionException {@code path-invalid} when no anchor's key verifies it
   */
  public static void checkIssuedUnder(X509CRL crl, List<X509Certificate> anchors)
      throws AdmissionException {
    for (X509Certificate a : anchors) {
      if (!a.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
        continue;
      }
      try {
        crl.verify(a.getPublicKey(), BC);
        return;
      } catch (GeneralSecurityException ignored) {
        // another anchor of the same name may hold the key
      }
    }
    throw new AdmissionException(
        ReasonCode.PATH_INVALID,
        "The CRL of "
            + crl.getIssuerX500Principal().getName()
            + " is not signed by a trust anchor of the member delivering it.");
  }
}
