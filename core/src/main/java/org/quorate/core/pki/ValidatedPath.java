package org.quorate.core.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * A certification path (RFC 5280 §6) that validated.
 *
 * @param trustAnchor the trust anchor certificate the path ends at
 * @param certificates the path from the end entity (first) towards the trust anchor, the anchor
 *     itself excluded
 * @param crlsConsulted the CRLs looked at for the certificates of the path: those whose issuer
 *     issued a certificate of the path and whose signature verified with that issuer's key
 */
public record ValidatedPath(
    X509Certificate trustAnchor, List<X509Certificate> certificates, List<X509CRL> crlsConsulted) {

  /** Copies the lists. */
  public ValidatedPath {
    certificates = List.copyOf(certificates);
    crlsConsulted = List.copyOf(crlsConsulted);
  }

  /**
   * @return the end-entity certificate
   */
  public X509Certificate endEntity() {
    return certificates.get(0);
  }

  /**
   * The lineage of the credential, for display and audit.
   *
   * @return the subject names (RFC 4514 strings) from the end entity to the trust anchor, inclusive
   */
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>(certificates.size() + 1);
    for (X509Certificate certificate : certificates) {
      subjects.add(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }
    subjects.add(trustAnchor.getSubjectX500Principal().getName(X500Principal.RFC2253));
    return subjects;
  }
}
