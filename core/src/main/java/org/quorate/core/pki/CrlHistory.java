package org.quorate.core.pki;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * What the CRLs of one issuer say about one certificate over time: the revocation evidence rule of
 * SPEC §2 stage 5 with RFC 5280 §5.2.4 (delta CRLs) and §5.3.1 (reason codes).
 *
 * <p>The CRLs are read in the order of their {@code thisUpdate} (then CRL number, then DER), so the
 * answer is a function of the set of CRLs, never of their arrival order:
 *
 * <ul>
 *   <li>an entry with any reason but {@code certificateHold} and {@code removeFromCRL} (no reason
 *       is {@code unspecified}) revokes the certificate permanently from its revocationDate (the
 *       earliest such date of all the CRLs);
 *   <li>a {@code certificateHold} entry puts it on hold from its revocationDate until the {@code
 *       thisUpdate} of the first later CRL that no longer lists it: a complete CRL in whose scope
 *       it is (no issuingDistributionPoint restricting it away) that omits it, or a delta CRL
 *       (deltaCRLIndicator, RFC 5280 §5.2.4) listing it with {@code removeFromCRL}. A delta CRL
 *       that omits a certificate says nothing of it (its base does); a delta CRL's other entries
 *       count as those of a complete CRL;
 *   <li>{@code removeFromCRL} ends a hold only: a permanent revocation stays.
 * </ul>
 *
 * The certificate counts as revoked at a time when a permanent revocation is at or before it, or a
 * hold was in force then (start inclusive, end exclusive). Stateless.
 */
public final class CrlHistory {
  private CrlHistory() {}

  /**
   * A revocation in force at the time asked.
   *
   * @param time when it began (the entry's revocationDate)
   * @param crl the CRL whose entry states it
   * @param hold whether it is a {@code certificateHold} (in force until {@code until})
   * @param until for a hold, when it ended ({@code null}: not ended by the CRLs held)
   */
  public record Revocation(Instant time, X509CRL crl, boolean hold, Instant until) {}

  /**
   * @param certificate the certificate
   * @param issuerCrls CRLs of its issuer, each already verified with the issuer's key (others are
   *     ignored by issuer name)
   * @param at the time asked (in Quorate: the event's {@code issued})
   * @return the revocation in force at {@code at}, if any
   */
  public static Optional<Revocation> at(
      X509Certificate certificate, Collection<X509CRL> issuerCrls, Instant at) {
    List<X509CRL> own = new ArrayList<>();
    for (X509CRL crl : issuerCrls) {
      if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
        own.add(crl);
      }
    }
    return at(
        crl -> crl.getRevokedCertificate(certificate), crl -> inScope(crl, certificate), own, at);
  }

  /**
   * The same rule for a certificate known only by serial number (e.g. a stored credential), with
   * the CRLs given all of its issuer.
   *
   * @param serial the certificate's serial number
   * @param issuerCrls CRLs of its issuer, each already verified with the issuer's key
   * @param at the time asked
   * @return the revocation in force at {@code at}, if any
   */
  public static Optional<Revocation> at(
      BigInteger serial, Collection<X509CRL> issuerCrls, Instant at) {
    return at(
        crl -> crl.getRevokedCertificate(serial),
        crl -> crl.getExtensionValue(Extension.issuingDistributionPoint.getId()) == null,
        issuerCrls,
        at);
  }

  private interface EntryOf {
    X509CRLEntry of(X509CRL crl);
  }

  private static Optional<Revocation> at(
      EntryOf entries, Predicate<X509CRL> inScope, Collection<X509CRL> issuerCrls, Instant at) {
    List<X509CRL> ordered = new ArrayList<>(issuerCrls);
    ordered.sort(ORDER);
    Revocation permanent = null;
    List<Revocation> holds = new ArrayList<>();
    Instant holdStart = null;
    X509CRL holdCrl = null;
    for (X509CRL crl : ordered) {
      X509CRLEntry entry = entries.of(crl);
      Instant thisUpdate = crl.getThisUpdate().toInstant();
      if (entry == null) {
        if (holdStart != null && !isDelta(crl) && inScope.test(crl)) {
          holds.add(new Revocation(holdStart, holdCrl, true, thisUpdate));
          holdStart = null;
        }
        continue;
      }
      CRLReason reason = entry.getRevocationReason();
      Instant date = entry.getRevocationDate().toInstant();
      if (reason == CRLReason.REMOVE_FROM_CRL) {
        if (holdStart != null) {
          holds.add(new Revocation(holdStart, holdCrl, true, thisUpdate));
          holdStart = null;
        }
      } else if (reason == CRLReason.CERTIFICATE_HOLD) {
        if (holdStart == null || date.isBefore(holdStart)) {
          holdStart = date;
          holdCrl = crl;
        }
      } else if (permanent == null || date.isBefore(permanent.time())) {
        permanent = new Revocation(date, crl, false, null);
      }
    }
    if (holdStart != null) {
      holds.add(new Revocation(holdStart, holdCrl, true, null));
    }
    if (permanent != null && !permanent.time().isAfter(at)) {
      return Optional.of(permanent);
    }
    for (Revocation hold : holds) {
      if (!hold.time().isAfter(at) && (hold.until() == null || at.isBefore(hold.until()))) {
        return Optional.of(hold);
      }
    }
    return Optional.empty();
  }

  /**
   * @param crl a CRL
   * @return whether it is a delta CRL (RFC 5280 §5.2.4: a deltaCRLIndicator extension)
   */
  public static boolean isDelta(X509CRL crl) {
    return crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null;
  }

  /**
   * @param crl a CRL
   * @return its CRL number (RFC 5280 §5.2.3), or -1 when absent or unreadable
   */
  public static BigInteger number(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return BigInteger.ONE.negate();
    }
    try {
      return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    } catch (RuntimeException e) {
      return BigInteger.ONE.negate();
    }
  }

  private static final Comparator<X509CRL> ORDER =
      Comparator.<X509CRL, Instant>comparing(c -> c.getThisUpdate().toInstant())
          .thenComparing(CrlHistory::number)
          .thenComparing(CrlHistory::der, Arrays::compare);

  private static byte[] der(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (java.security.cert.CRLException e) {
      return new byte[0];
    }
  }

  /**
   * Whether a complete CRL's omission of a certificate says it is not revoked: the CRL has no
   * issuingDistributionPoint, or one whose scope (RFC 5280 §5.2.5) holds the certificate and all
   * reasons.
   */
  private static boolean inScope(X509CRL crl, X509Certificate certificate) {
    byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
    if (value == null) {
      return true;
    }
    IssuingDistributionPoint idp;
    try {
      idp = IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
    } catch (RuntimeException e) {
      return false;
    }
    boolean ca = certificate.getBasicConstraints() >= 0;
    if (idp.onlyContainsAttributeCerts()
        || idp.getOnlySomeReasons() != null
        || (idp.onlyContainsUserCerts() && ca)
        || (idp.onlyContainsCACerts() && !ca)) {
      return false;
    }
    if (idp.getDistributionPoint() == null) {
      return true;
    }
    byte[] points = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (points == null) {
      return false;
    }
    try {
      for (DistributionPoint point :
          CRLDistPoint.getInstance(ASN1OctetString.getInstance(points).getOctets())
              .getDistributionPoints()) {
        if (idp.getDistributionPoint().equals(point.getDistributionPoint())) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return false;
  }
}
