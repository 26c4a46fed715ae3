package org.quorate.core.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.quorate.core.mission.Member;

/**
 * CRLs an operator imports into a mission (SPEC §2 stage 5: "operator-imported CRLs only help a
 * node fetch what members will deliver"), and the one thing they do: a <em>revocation hint</em>.
 *
 * <p>The rule, chosen so that every outcome stays a deterministic function of the signed events
 * held: an imported CRL never changes an outcome. Outcomes (admitted, held, void, …) depend only on
 * CRLs delivered as signed {@code crl} contributions. An imported CRL is kept beside the mission
 * once its signature verifies with a trust anchor of one of the mission's members (the same anchors
 * a {@code crl} contribution must be signed under, {@code
 * org.quorate.core.admission.CrlContribution}); while no {@code crl} contribution has delivered a
 * CRL of the same issuer at least as recent (a {@code thisUpdate} equal or later), every input
 * whose credential it lists as revoked at or before the input's {@code issued} time, and whose
 * outcome is not already {@code void}, shows a {@link #hint}: what will become {@code void} once
 * the member delivers that CRL, so that the operator knows whom to ask for it. Holding such events
 * instead was rejected: a node that imported the CRL and one that did not would then record
 * different outcomes for the same signed events.
 *
 * <p>Stateless and thread-safe.
 */
public final class ImportedCrls {
  /** Largest CRL accepted, in bytes as received (DER or PEM). */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private ImportedCrls() {}

  /**
   * A CRL accepted for import.
   *
   * @param member the member whose trust anchor signed it
   * @param crl the CRL
   * @param der its DER encoding
   * @param sha256 {@code sha256:} + hex of the DER ({@link CrlIds#sha256})
   */
  public record Verified(String member, X509CRL crl, byte[] der, String sha256) {}

  /**
   * Reads a CRL (RFC 5280 §5) given as DER or as PEM ({@code -----BEGIN X509 CRL-----}).
   *
   * @param bytes the bytes received
   * @return the CRL
   * @throws CrlImportException {@code too-large} or {@code malformed-crl}
   */
  public static X509CRL parse(byte[] bytes) throws CrlImportException {
    if (bytes == null || bytes.length == 0) {
      throw new CrlImportException("malformed-crl", "The body is empty; send a DER or PEM CRL.");
    }
    if (bytes.length > MAX_BYTES) {
      throw new CrlImportException(
          "too-large", "The CRL is " + bytes.length + " bytes; at most " + MAX_BYTES + ".");
    }
    byte[] der = bytes;
    if (bytes[0] == '-') {
      try (PemReader reader =
          new PemReader(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
        PemObject pem = reader.readPemObject();
        if (pem == null || !"X509 CRL".equals(pem.getType())) {
          throw new CrlImportException(
              "malformed-crl", "The PEM body is not a \"-----BEGIN X509 CRL-----\" block.");
        }
        der = pem.getContent();
      } catch (IOException | RuntimeException e) {
        throw new CrlImportException("malformed-crl", "The PEM body cannot be read.");
      }
    }
    try {
      X509CRL crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509", BC)
                  .generateCRL(new ByteArrayInputStream(der));
      if (crl == null) {
        throw new CrlImportException("malformed-crl", "The body holds no CRL.");
      }
      return crl;
    } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
      throw new CrlImportException("malformed-crl", "The body is not an X.509 CRL (RFC 5280 §5).");
    }
  }

  /**
   * Parses a CRL and checks that a trust anchor of one of the members signed it.
   *
   * @param bytes the CRL as DER or PEM
   * @param members the mission's members (their trust anchors)
   * @return the verified CRL and the member it belongs to
   * @throws CrlImportException {@code too-large}, {@code malformed-crl}, {@code
   *     crl-issuer-not-anchor} or {@code bad-crl-signature}
   */
  public static Verified verify(byte[] bytes, Collection<Member> members)
      throws CrlImportException {
    X509CRL crl = parse(bytes);
    X500Principal issuer = crl.getIssuerX500Principal();
    boolean named = false;
    for (Member m : members) {
      for (X509Certificate anchor : m.trustAnchors()) {
        if (!anchor.getSubjectX500Principal().equals(issuer)) {
          continue;
        }
        named = true;
        boolean[] keyUsage = anchor.getKeyUsage();
        if (keyUsage != null && !(keyUsage.length > 6 && keyUsage[6])) {
          continue;
        }
        try {
          crl.verify(anchor.getPublicKey(), BC);
          byte[] der = crl.getEncoded();
          return new Verified(m.id(), crl, der, CrlIds.sha256(der));
        } catch (GeneralSecurityException | RuntimeException e) {
          // another anchor of the same name may hold the key
        }
      }
    }
    String name = issuer.getName(X500Principal.RFC2253);
    if (!named) {
      throw new CrlImportException(
          "crl-issuer-not-anchor",
          "The CRL's issuer " + name + " is not a trust anchor of a member of this mission.");
    }
    throw new CrlImportException(
        "bad-crl-signature",
        "The CRL names issuer "
            + name
            + " but its signature does not verify with that trust anchor's key.");
  }

  /**
   * The revocation hint for one input (see the class comment for the rule).
   *
   * @param imported the CRLs imported into the input's mission
   * @param delivered the CRLs delivered to the mission as admitted {@code crl} contributions
   * @param credential the input's credential as {@code
   *     org.quorate.core.admission.InputRecord#credentialOf} names it: canonical issuer DN, {@code
   *     #}, serial in hex
   * @param issued the input's {@code issued} time
   * @return one sentence when an imported CRL, not yet superseded by a delivered one, lists the
   *     credential as revoked at or before {@code issued}; else empty
   */
  public static Optional<String> hint(
      Collection<Verified> imported,
      Collection<X509CRL> delivered,
      String credential,
      Instant issued) {
    if (credential == null || issued == null) {
      return Optional.empty();
    }
    int hash = credential.lastIndexOf('#');
    if (hash <= 0) {
      return Optional.empty();
    }
    String issuer = credential.substring(0, hash);
    java.math.BigInteger serial;
    try {
      serial = new java.math.BigInteger(credential.substring(hash + 1), 16);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    for (Verified v : sorted(imported)) {
      X509CRL crl = v.crl();
      if (!crl.getIssuerX500Principal().getName(X500Principal.CANONICAL).equals(issuer)
          || superseded(crl, delivered)) {
        continue;
      }
      // Read as the delivered CRLs of that issuer would be with this one among them (holds,
      // delta CRLs: CrlHistory), and hinted only where the imported CRL changes the answer.
      List<X509CRL> same = new java.util.ArrayList<>();
      for (X509CRL d : delivered) {
        if (d.getIssuerX500Principal().equals(crl.getIssuerX500Principal())) {
          same.add(d);
        }
      }
      if (CrlHistory.at(serial, same, issued).isPresent()) {
        continue;
      }
      same.add(crl);
      Optional<CrlHistory.Revocation> revocation = CrlHistory.at(serial, same, issued);
      if (revocation.isEmpty()) {
        continue;
      }
      Instant revoked = revocation.get().time();
      return Optional.of(
          "Revocation pending: a CRL imported by an operator ("
              + CrlIds.name(crl)
              + ") lists this credential as revoked at "
              + revoked
              + ", before this event's issued time "
              + issued
              + "; the outcome becomes void only when "
              + v.member()
              + " delivers that CRL as a signed crl contribution.");
    }
    return Optional.empty();
  }

  /** Whether a delivered CRL of the same issuer is at least as recent. */
  public static boolean superseded(X509CRL imported, Collection<X509CRL> delivered) {
    for (X509CRL d : delivered) {
      if (d.getIssuerX500Principal().equals(imported.getIssuerX500Principal())
          && !d.getThisUpdate().before(imported.getThisUpdate())) {
        return true;
      }
    }
    return false;
  }

  private static List<Verified> sorted(Collection<Verified> imported) {
    return imported.stream().sorted(java.util.Comparator.comparing(Verified::sha256)).toList();
  }
}
