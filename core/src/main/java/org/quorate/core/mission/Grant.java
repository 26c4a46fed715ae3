package org.quorate.core.mission;

import java.security.cert.X509Certificate;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * A grant of roles to a credential of one member (SPEC §1 genesis {@code grants}). It names the
 * credential by subject distinguished name (RFC 4514, compared in canonical form) or by the SHA-256
 * of its SubjectPublicKeyInfo, and holds only under that member's own trust anchors.
 *
 * @param subject the granted subject, or null when the grant names an SPKI hash
 * @param spki {@code sha256:} + hex of the SubjectPublicKeyInfo, or null when it names a subject
 * @param roles the roles granted, e.g. {@code approving-authority}, {@code node}
 */
public record Grant(X500Principal subject, String spki, Set<String> roles) {

  /**
   * @param certificate the signer's certificate
   * @param certificateSpki the certificate's SPKI hash ({@code sha256:…})
   * @return whether this grant names that credential
   */
  public boolean names(X509Certificate certificate, String certificateSpki) {
    return names(certificate.getSubjectX500Principal(), certificateSpki);
  }

  /**
   * @param certificateSubject the signer certificate's subject
   * @param certificateSpki the certificate's SPKI hash ({@code sha256:…})
   * @return whether this grant names that credential: same SPKI hash, or the same subject (RFC 5280
   *     §7.1 comparison as {@link X500Principal#equals} does it; identical encodings compare equal
   *     without rendering either name)
   */
  public boolean names(X500Principal certificateSubject, String certificateSpki) {
    if (spki != null) {
      return spki.equals(certificateSpki);
    }
    return java.util.Arrays.equals(subject.getEncoded(), certificateSubject.getEncoded())
        || subject.equals(certificateSubject);
  }
}
