package org.quorate.core.pki;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** Key identifier matching (RFC 5280 §4.2.1.1, §4.2.1.2) to order issuer candidates. */
final class KeyIds {
  private KeyIds() {}

  /**
   * @return {@code true} when the child's authorityKeyIdentifier keyIdentifier equals the
   *     candidate's subjectKeyIdentifier; {@code false} when either is absent, differs or does not
   *     decode
   */
  static boolean issuedBy(X509Certificate child, X509Certificate candidate) {
    try {
      byte[] aki = child.getExtensionValue(Extension.authorityKeyIdentifier.getId());
      byte[] ski = candidate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      if (aki == null || ski == null) {
        return false;
      }
      byte[] keyId =
          AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(aki).getOctets())
              .getKeyIdentifier();
      byte[] subjectKeyId =
          SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ski).getOctets())
              .getKeyIdentifier();
      return keyId != null && Arrays.equals(keyId, subjectKeyId);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
