package org.quorate.core.pki;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.jcajce.PKIXExtendedParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * Admission stage 5 of SPEC §2: RFC 5280 §6 certification path validation of a credential to a set
 * of trust anchors at a given time, with the Bouncy Castle PKIX implementation ({@code
 * CertPathValidator.getInstance("PKIX", provider)} on a provider instance held here, never a global
 * one).
 *
 * <p>Path building: from the end entity, issuers are looked up by name among the intermediates
 * (those whose authority/subject key identifiers match first) until a trust anchor's subject is
 * reached; at most {@value #MAX_PATH_LENGTH} certificates deep and {@value #MAX_CANDIDATE_PATHS}
 * candidate paths are tried, each fully validated. The first that validates is returned. When none
 * does, the failure reported is, by priority, a revocation, an expiry, a not-yet-valid certificate,
 * then any other failure of the first candidate tried.
 *
 * <p>Trust anchors constrain the paths they end (RFC 5937, SPEC §2 stage 5): an anchor outside its
 * validity at the validation time ({@code expired}, {@code not-yet-valid}) or whose name
 * constraints exclude a name of the path ({@code path-invalid}) does not validate it ({@link
 * TrustAnchorConstraints}); another anchor of the same name and key may.
 *
 * <p>Revocation follows {@link PathOptions#revocation()}: strict RFC 5280 §6.3 inside the PKIX run,
 * or the Quorate evidence rule of SPEC §2 stage 5, checked after the PKIX run (see {@link
 * PathOptions.RevocationMode#EVIDENCE}).
 *
 * <p>No exception means the path validated. Instances are immutable and thread-safe.
 */
public final class CertificationPathValidator {
  /** Most certificates in a path, the end entity included and the trust anchor excluded. */
  public static final int MAX_PATH_LENGTH = 10;

  /** Most candidate paths validated in one call. */
  public static final int MAX_CANDIDATE_PATHS = 16;

  /** Most certificates, trust anchors and CRLs accepted as input, each. */
  public static final int MAX_INPUTS = 1000;

  /** A CRL issuer's own path: evidence revocation; its cRLSign key usage is checked apart. */
  private static final PathOptions CRL_ISSUER_OPTIONS =
      new PathOptions(PathOptions.RevocationMode.EVIDENCE, Set.of(), false, false, false, false);

  private final BouncyCastleProvider provider = new BouncyCastleProvider();

  /** A validator on its own Bouncy Castle provider instance. */
  public CertificationPathValidator() {}

  /**
   * Validates the certification path of a credential at a time. No exception means valid.
   *
   * @param endEntity the credential (the signer's certificate)
   * @param intermediates untrusted certificates that may complete the path (e.g. those of the
   *     SignedData); may hold unrelated ones
   * @param trustAnchors the trust anchor certificates (e.g. the member's national roots in the
   *     epoch); not empty
   * @param crls the CRLs available (in Quorate: those delivered as {@code crl} contributions)
   * @param at the validation time (in Quorate: the event's {@code issued})
   * @param options revocation mode and policy inputs
   * @return the validated path, the trust anchor it ends at and the CRLs consulted
   * @throws PathValidationException {@link ReasonCode#EXPIRED}, {@link ReasonCode#NOT_YET_VALID},
   *     {@link ReasonCode#REVOKED} (with the revocation time and CRL when known) or {@link
   *     ReasonCode#PATH_INVALID}
   * @throws IllegalArgumentException when more than {@value #MAX_INPUTS} certificates, anchors or
   *     CRLs are given
   */
  public ValidatedPath validate(
      X509Certificate endEntity,
      Collection<X509Certificate> intermediates,
      Collection<X509Certificate> trustAnchors,
      Collection<X509CRL> crls,
      Instant at,
      PathOptions options)
      throws PathValidationException {
    Objects.requireNonNull(endEntity, "endEntity");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(options, "options");
    if (intermediates.size() > MAX_INPUTS
        || trustAnchors.size() > MAX_INPUTS
        || crls.size() > MAX_INPUTS) {
      throw new IllegalArgumentException("more than " + MAX_INPUTS + " certificates or CRLs");
    }
    if (trustAnchors.isEmpty()) {
      throw new PathValidationException(ReasonCode.PATH_INVALID, "no trust anchor given", null);
    }
    List<X509Certificate> pool = new ArrayList<>(new LinkedHashSet<>(intermediates));
    pool.remove(endEntity);
    List<List<X509Certificate>> candidates = new ArrayList<>();
    collectPaths(new ArrayList<>(List.of(endEntity)), pool, trustAnchors, candidates);
    if (candidates.isEmpty()) {
      throw new PathValidationException(
          ReasonCode.PATH_INVALID,
          "no certification path from "
              + endEntity.getSubjectX500Principal().getName(X500Principal.RFC2253)
              + " to a trust anchor (issuer "
              + endEntity.getIssuerX500Principal().getName(X500Principal.RFC2253)
              + " not found)",
          null);
    }
    PathValidationException worst = null;
    for (List<X509Certificate> candidate : candidates) {
      try {
        return validatePath(candidate, pool, trustAnchors, crls, at, options);
      } catch (PathValidationException e) {
        if (worst == null || priority(e.reasonCode()) < priority(worst.reasonCode())) {
          worst = e;
        }
      }
    }
    throw worst;
  }

  private ValidatedPath validatePath(
      List<X509Certificate> path,
      List<X509Certificate> pool,
      Collection<X509Certificate> trustAnchors,
      Collection<X509CRL> crls,
      Instant at,
      PathOptions options)
      throws PathValidationException {
    Collection<X509Certificate> admissible = admissibleAnchors(path, trustAnchors, at);
    PKIXCertPathValidatorResult result;
    CertPath certPath;
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509", provider);
      certPath = factory.generateCertPath(path);
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate anchor : admissible) {
        anchors.add(new TrustAnchor(anchor, null));
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setDate(Date.from(at));
      parameters.setInitialPolicies(options.initialPolicies());
      parameters.setExplicitPolicyRequired(options.explicitPolicyRequired());
      parameters.setPolicyMappingInhibited(options.policyMappingInhibited());
      parameters.setAnyPolicyInhibited(options.anyPolicyInhibited());
      boolean strict = options.revocation() == PathOptions.RevocationMode.STRICT_RFC5280;
      parameters.setRevocationEnabled(strict);
      if (strict) {
        List<Object> stored = new ArrayList<>(crls);
        stored.addAll(pool);
        stored.addAll(trustAnchors);
        parameters.addCertStore(
            CertStore.getInstance(
                "Collection", new CollectionCertStoreParameters(stored), provider));
      }
      // Delta CRLs (RFC 5280 §5.2.4, §6.3.3 (c)) are applied to their base only when asked for.
      PKIXExtendedParameters extended =
          new PKIXExtendedParameters.Builder(parameters).setUseDeltasEnabled(strict).build();
      result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX", provider).validate(certPath, extended);
    } catch (CertPathValidatorException e) {
      PathValidationException translated = translate(e, path, trustAnchors, crls, at);
      if (translated.reasonCode() == ReasonCode.PATH_INVALID
          && options.revocation() == PathOptions.RevocationMode.STRICT_RFC5280) {
        Revocation indirect = indirectRevocation(path, pool, trustAnchors, crls, at, options);
        if (indirect != null) {
          throw indirect.exception(e);
        }
      }
      throw translated;
    } catch (InvalidAlgorithmParameterException e) {
      throw new PathValidationException(
          ReasonCode.PATH_INVALID, "the path parameters are invalid: " + e.getMessage(), e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PathValidationException(
          ReasonCode.PATH_INVALID, "the path could not be validated: " + e.getMessage(), e);
    }
    X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
    boolean[] keyUsage = path.get(0).getKeyUsage();
    if (options.requireSigningKeyUsage()
        && keyUsage != null
        && !(keyUsage[0] || (keyUsage.length > 1 && keyUsage[1]))) {
      throw new PathValidationException(
          ReasonCode.PATH_INVALID,
          "the keyUsage of "
              + path.get(0).getSubjectX500Principal().getName(X500Principal.RFC2253)
              + " allows neither digitalSignature nor nonRepudiation",
          null);
    }
    List<X509CRL> consulted = new ArrayList<>();
    Revocation revocation = checkEvidence(path, anchor, crls, at, consulted);
    if (revocation != null && options.revocation() == PathOptions.RevocationMode.EVIDENCE) {
      throw revocation.exception(null);
    }
    return new ValidatedPath(anchor, path, consulted);
  }

  /**
   * The trust anchors that may end this path (RFC 5937, SPEC §2 stage 5): of the anchors named as
   * the path's top issuer whose key verifies its signature, those valid at {@code at} and whose
   * name constraints admit the path ({@link TrustAnchorConstraints}). When such anchors exist but
   * none is admissible, the first one's failure is the path's. Without any anchor of that name and
   * key, every anchor is given to the PKIX run, which reports the path invalid.
   */
  private Collection<X509Certificate> admissibleAnchors(
      List<X509Certificate> path, Collection<X509Certificate> trustAnchors, Instant at)
      throws PathValidationException {
    X509Certificate top = path.get(path.size() - 1);
    List<X509Certificate> admissible = new ArrayList<>();
    PathValidationException refused = null;
    for (X509Certificate anchor : trustAnchors) {
      if (!anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())
          || !signs(anchor, top)) {
        continue;
      }
      try {
        TrustAnchorConstraints.check(anchor, path, at);
        admissible.add(anchor);
      } catch (PathValidationException e) {
        if (refused == null) {
          refused = e;
        }
      }
    }
    if (!admissible.isEmpty()) {
      return admissible;
    }
    if (refused != null) {
      throw refused;
    }
    return trustAnchors;
  }

  /**
   * The evidence rule (SPEC §2 stage 5): for each certificate of the path, the CRLs issued by its
   * issuer whose signature verifies with the issuer's key (which, when it has a keyUsage extension,
   * must allow cRLSign) are consulted; {@link CrlHistory} says whether they revoke it at {@code at}
   * (a permanent revocation at or before it, or a certificateHold in force then; delta CRLs
   * applied).
   */
  private Revocation checkEvidence(
      List<X509Certificate> path,
      X509Certificate anchor,
      Collection<X509CRL> crls,
      Instant at,
      List<X509CRL> consulted) {
    for (int i = 0; i < path.size(); i++) {
      X509Certificate certificate = path.get(i);
      X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
      List<X509CRL> issued = new ArrayList<>();
      for (X509CRL crl : crls) {
        if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
            || !mayIssueCrls(issuer)
            || !signedBy(crl, issuer)) {
          continue;
        }
        issued.add(crl);
        if (!consulted.contains(crl)) {
          consulted.add(crl);
        }
      }
      Optional<CrlHistory.Revocation> revocation = CrlHistory.at(certificate, issued, at);
      if (revocation.isPresent()) {
        return new Revocation(certificate, revocation.get());
      }
    }
    return null;
  }

  /**
   * Strict mode only: Bouncy Castle does not find entries of some indirect CRLs (RFC 5280 §5.3.3,
   * entries carrying a critical certificateIssuer). When the path is otherwise valid, an indirect
   * CRL that lists a certificate of the path under its issuer, signed by a CRL issuer whose own
   * path validates to the trust anchors, revokes it.
   */
  private Revocation indirectRevocation(
      List<X509Certificate> path,
      List<X509Certificate> pool,
      Collection<X509Certificate> trustAnchors,
      Collection<X509CRL> crls,
      Instant at,
      PathOptions options) {
    PathOptions withoutRevocation =
        new PathOptions(
            PathOptions.RevocationMode.EVIDENCE,
            options.initialPolicies(),
            options.explicitPolicyRequired(),
            options.policyMappingInhibited(),
            options.anyPolicyInhibited(),
            options.requireSigningKeyUsage());
    try {
      validatePath(path, pool, trustAnchors, List.of(), at, withoutRevocation);
    } catch (PathValidationException e) {
      return null;
    }
    for (X509Certificate certificate : path) {
      for (X509CRL crl : crls) {
        if (!isIndirect(crl)) {
          continue;
        }
        X509CRLEntry entry = indirectEntry(crl, certificate);
        if (entry == null
            || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL
            || entry.getRevocationDate().toInstant().isAfter(at)
            || !crlIssuerValid(crl, pool, trustAnchors, at)) {
          continue;
        }
        return new Revocation(certificate, entry.getRevocationDate().toInstant(), crl);
      }
    }
    return null;
  }

  private static boolean isIndirect(X509CRL crl) {
    byte[] extension = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
    if (extension == null) {
      return false;
    }
    try {
      return IssuingDistributionPoint.getInstance(
              ASN1OctetString.getInstance(extension).getOctets())
          .isIndirectCRL();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static X509CRLEntry indirectEntry(X509CRL crl, X509Certificate certificate) {
    Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
    if (entries == null) {
      return null;
    }
    for (X509CRLEntry entry : entries) {
      X500Principal entryIssuer =
          entry.getCertificateIssuer() != null
              ? entry.getCertificateIssuer()
              : crl.getIssuerX500Principal();
      if (entry.getSerialNumber().equals(certificate.getSerialNumber())
          && entryIssuer.equals(certificate.getIssuerX500Principal())) {
        return entry;
      }
    }
    return null;
  }

  private boolean crlIssuerValid(
      X509CRL crl,
      List<X509Certificate> pool,
      Collection<X509Certificate> trustAnchors,
      Instant at) {
    for (X509Certificate anchor : trustAnchors) {
      if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())
          && mayIssueCrls(anchor)
          && signedBy(crl, anchor)) {
        return true;
      }
    }
    for (X509Certificate signer : pool) {
      if (signer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())
          && mayIssueCrls(signer)
          && signedBy(crl, signer)) {
        try {
          validate(signer, pool, trustAnchors, List.of(crl), at, CRL_ISSUER_OPTIONS);
          return true;
        } catch (PathValidationException e) {
          // try the next candidate signer
        }
      }
    }
    return false;
  }

  private static boolean mayIssueCrls(X509Certificate issuer) {
    boolean[] keyUsage = issuer.getKeyUsage();
    return keyUsage == null || (keyUsage.length > 6 && keyUsage[6]);
  }

  private boolean signedBy(X509CRL crl, X509Certificate issuer) {
    try {
      crl.verify(issuer.getPublicKey(), provider);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private PathValidationException translate(
      CertPathValidatorException e,
      List<X509Certificate> path,
      Collection<X509Certificate> trustAnchors,
      Collection<X509CRL> crls,
      Instant at) {
    String subject = "the certificate";
    int index = e.getIndex();
    if (index >= 0 && index < path.size()) {
      subject = path.get(index).getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return new PathValidationException(
            ReasonCode.EXPIRED, subject + " had expired at " + at, e);
      }
      if (t instanceof CertificateNotYetValidException) {
        return new PathValidationException(
            ReasonCode.NOT_YET_VALID, subject + " was not yet valid at " + at, e);
      }
    }
    if (isRevocation(e)) {
      X500Principal top = path.get(path.size() - 1).getIssuerX500Principal();
      for (X509Certificate anchor : trustAnchors) {
        if (anchor.getSubjectX500Principal().equals(top)) {
          Revocation revocation = checkEvidence(path, anchor, crls, at, new ArrayList<>());
          if (revocation != null) {
            return revocation.exception(e);
          }
        }
      }
      return new PathValidationException(subject + " is revoked: " + e.getMessage(), null, null, e);
    }
    return new PathValidationException(
        ReasonCode.PATH_INVALID, "the certification path is invalid: " + e.getMessage(), e);
  }

  private static boolean isRevocation(CertPathValidatorException e) {
    if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
      return true;
    }
    // Bouncy Castle reports a revoked certificate of the path itself with this message; a revoked
    // CRL issuer only appears in the cause chain and is a lack of usable revocation information.
    String message = e.getMessage();
    return message != null
        && message.toLowerCase(Locale.ROOT).startsWith("certificate revocation after");
  }

  private static int priority(ReasonCode code) {
    switch (code) {
      case REVOKED:
        return 0;
      case EXPIRED:
        return 1;
      case NOT_YET_VALID:
        return 2;
      default:
        return 3;
    }
  }

  private boolean signs(X509Certificate issuer, X509Certificate subject) {
    try {
      subject.verify(issuer.getPublicKey(), provider);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private void collectPaths(
      List<X509Certificate> path,
      List<X509Certificate> pool,
      Collection<X509Certificate> trustAnchors,
      List<List<X509Certificate>> out) {
    if (out.size() >= MAX_CANDIDATE_PATHS) {
      return;
    }
    X509Certificate last = path.get(path.size() - 1);
    X500Principal issuer = last.getIssuerX500Principal();
    for (X509Certificate anchor : trustAnchors) {
      if (anchor.getSubjectX500Principal().equals(issuer)) {
        out.add(List.copyOf(path));
        break;
      }
    }
    if (path.size() >= MAX_PATH_LENGTH) {
      return;
    }
    List<X509Certificate> next = new ArrayList<>();
    for (X509Certificate candidate : pool) {
      if (candidate.getSubjectX500Principal().equals(issuer) && !path.contains(candidate)) {
        next.add(candidate);
      }
    }
    if (next.size() > 1) {
      // Several issuers of that name (key rollover, separate CRL keys): follow those whose key
      // verifies the certificate's signature, when there are any.
      List<X509Certificate> signing = new ArrayList<>();
      for (X509Certificate candidate : next) {
        if (signs(candidate, last)) {
          signing.add(candidate);
        }
      }
      if (!signing.isEmpty()) {
        next = signing;
      }
      next.sort(Comparator.comparingInt(c -> KeyIds.issuedBy(last, c) ? 0 : 1));
    }
    for (X509Certificate candidate : next) {
      path.add(candidate);
      collectPaths(path, pool, trustAnchors, out);
      path.remove(path.size() - 1);
    }
  }

  private static final class Revocation {
    final X509Certificate certificate;
    final Instant time;
    final X509CRL crl;
    final CrlHistory.Revocation history;

    Revocation(X509Certificate certificate, Instant time, X509CRL crl) {
      this.certificate = certificate;
      this.time = time;
      this.crl = crl;
      this.history = null;
    }

    Revocation(X509Certificate certificate, CrlHistory.Revocation history) {
      this.certificate = certificate;
      this.time = history.time();
      this.crl = history.crl();
      this.history = history;
    }

    PathValidationException exception(Throwable cause) {
      String what =
          history != null && history.hold()
              ? " was on hold (certificateHold) from "
                  + time
                  + (history.until() == null ? "" : " until " + history.until())
              : " was revoked at " + time;
      return new PathValidationException(
          certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)
              + " (serial "
              + certificate.getSerialNumber().toString(16)
              + ")"
              + what
              + " by the CRL of "
              + crl.getIssuerX500Principal().getName(X500Principal.RFC2253),
          time,
          crl,
          cause);
    }
  }
}
