package org.quorate.core.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * The constraints a trust anchor certificate places on the paths it validates (RFC 5937 §2, SPEC §2
 * stage 5), which RFC 5280 §6 path processing alone does not apply: the anchor's own validity
 * period at the validation time, and the anchor's name constraints extension as initial permitted
 * and excluded subtrees (RFC 5280 §6.1.1 (b), (c)) for every certificate of the path.
 *
 * <p>No exception means the anchor may validate the path. Stateless.
 */
final class TrustAnchorConstraints {
  private TrustAnchorConstraints() {}

  /**
   * @param anchor the trust anchor certificate
   * @param path the path, end entity first, the anchor excluded
   * @param at the validation time
   * @throws PathValidationException {@link ReasonCode#EXPIRED} or {@link ReasonCode#NOT_YET_VALID}
   *     when {@code at} is outside the anchor's validity; {@link ReasonCode#PATH_INVALID} when its
   *     name constraints exclude a name of the path (or do not decode)
   */
  static void check(X509Certificate anchor, List<X509Certificate> path, Instant at)
      throws PathValidationException {
    String name = anchor.getSubjectX500Principal().getName(X500Principal.RFC2253);
    if (at.isBefore(anchor.getNotBefore().toInstant())) {
      throw new PathValidationException(
          ReasonCode.NOT_YET_VALID,
          "the trust anchor " + name + " was not yet valid at " + at + " (RFC 5937)",
          null);
    }
    if (at.isAfter(anchor.getNotAfter().toInstant())) {
      throw new PathValidationException(
          ReasonCode.EXPIRED,
          "the trust anchor "
              + name
              + " had expired at "
              + at
              + " (valid until "
              + anchor.getNotAfter().toInstant()
              + ", RFC 5937)",
          null);
    }
    byte[] extension = anchor.getExtensionValue(Extension.nameConstraints.getId());
    if (extension == null) {
      return;
    }
    PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
    try {
      NameConstraints constraints =
          NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets());
      if (constraints.getPermittedSubtrees() != null) {
        validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
      }
      if (constraints.getExcludedSubtrees() != null) {
        for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
          validator.addExcludedSubtree(excluded);
        }
      }
    } catch (RuntimeException e) {
      throw new PathValidationException(
          ReasonCode.PATH_INVALID,
          "the name constraints of the trust anchor " + name + " do not decode",
          e);
    }
    for (int i = 0; i < path.size(); i++) {
      X509Certificate certificate = path.get(i);
      boolean selfIssued =
          certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
      if (i > 0 && selfIssued) {
        continue; // RFC 5280 §6.1.3 (b), (c): self-issued intermediates are not checked
      }
      for (GeneralName general : names(certificate)) {
        try {
          validator.checkPermitted(general);
          validator.checkExcluded(general);
        } catch (NameConstraintValidatorException e) {
          throw new PathValidationException(
              ReasonCode.PATH_INVALID,
              "the name constraints of the trust anchor "
                  + name
                  + " exclude "
                  + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)
                  + " ("
                  + e.getMessage()
                  + "; RFC 5937)",
              null);
        } catch (RuntimeException e) {
          throw new PathValidationException(
              ReasonCode.PATH_INVALID,
              "a name of "
                  + certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)
                  + " cannot be checked against the trust anchor's name constraints",
              e);
        }
      }
    }
  }

  /** The subject (when not empty), its emailAddress attributes and the subjectAltName entries. */
  private static List<GeneralName> names(X509Certificate certificate)
      throws PathValidationException {
    List<GeneralName> names = new java.util.ArrayList<>();
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    if (subject.getRDNs().length > 0) {
      names.add(new GeneralName(subject));
    }
    for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        if (value.getValue() instanceof ASN1String email) {
          names.add(new GeneralName(GeneralName.rfc822Name, email.getString()));
        }
      }
    }
    byte[] san = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
    if (san != null) {
      try {
        for (GeneralName general :
            GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets()).getNames()) {
          names.add(general);
        }
      } catch (RuntimeException e) {
        throw new PathValidationException(
            ReasonCode.PATH_INVALID, "a subjectAltName of the path does not decode", e);
      }
    }
    return names;
  }
}
