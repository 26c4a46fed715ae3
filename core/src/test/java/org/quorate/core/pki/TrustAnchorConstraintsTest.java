package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * Trust anchors constrain the paths they validate by their own certificate (RFC 5937, SPEC §2 stage
 * 5): validity at {@code issued} and name constraints. Certificates made with Bouncy Castle at test
 * time; each test is named after the failure it reproduces.
 */
class TrustAnchorConstraintsTest {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIAL = new AtomicLong(1000);
  private static final Instant Y2020 = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant Y2024 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant Y2040 = Instant.parse("2040-01-01T00:00:00Z");

  private static KeyPair rootKey;
  private static KeyPair subKey;
  private static KeyPair leafKey;

  private final CertificationPathValidator validator = new CertificationPathValidator();

  @BeforeAll
  static void keys() throws Exception {
    rootKey = ec();
    subKey = ec();
    leafKey = ec();
  }

  @Test
  void pathUnderExpiredNationalRootIsExpired() throws Exception {
    X509Certificate root = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2024, null);
    X509Certificate leaf = leaf(root, "CN=officer,O=Poland,C=PL", Y2020, Y2040, null);

    PathValidationException e =
        rejected(leaf, List.of(), root, Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.EXPIRED);
    assertThat(e.getMessage()).contains("the trust anchor").contains("POL Root");
    // an event issued while the root was valid still validates
    validator.validate(
        leaf,
        List.of(),
        List.of(root),
        List.of(),
        Instant.parse("2023-06-01T00:00:00Z"),
        PathOptions.quorate());
  }

  @Test
  void pathBeforeNationalRootValidityIsNotYetValid() throws Exception {
    X509Certificate root = root("CN=POL Root,O=Poland,C=PL", Y2024, Y2040, null);
    X509Certificate leaf = leaf(root, "CN=officer,O=Poland,C=PL", Y2020, Y2040, null);
    PathValidationException e =
        rejected(leaf, List.of(), root, Instant.parse("2022-06-01T00:00:00Z"));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.NOT_YET_VALID);
  }

  @Test
  void rolledOverRootWithTheSameKeyValidatesWhileTheOldCopyHasExpired() throws Exception {
    X509Certificate old = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2024, null);
    X509Certificate renewed = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2040, null);
    X509Certificate leaf = leaf(old, "CN=officer,O=Poland,C=PL", Y2020, Y2040, null);
    ValidatedPath path =
        validator.validate(
            leaf,
            List.of(),
            List.of(old, renewed),
            List.of(),
            Instant.parse("2025-06-01T00:00:00Z"),
            PathOptions.quorate());
    assertThat(path.trustAnchor()).isEqualTo(renewed);
  }

  @Test
  void anchorNameConstraintsExcludingTheCredentialArePathInvalid() throws Exception {
    NameConstraints excludeRogue =
        new NameConstraints(
            null,
            new GeneralSubtree[] {
              new GeneralSubtree(new GeneralName(new X500Name("C=PL,O=Rogue Unit")))
            });
    X509Certificate root = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2040, excludeRogue);
    X509Certificate rogue = leaf(root, "C=PL,O=Rogue Unit,CN=officer", Y2020, Y2040, null);
    X509Certificate fine = leaf(root, "C=PL,O=Poland,CN=officer", Y2020, Y2040, null);

    PathValidationException e =
        rejected(rogue, List.of(), root, Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
    assertThat(e.getMessage()).contains("name constraints of the trust anchor");
    validator.validate(
        fine,
        List.of(),
        List.of(root),
        List.of(),
        Instant.parse("2025-06-01T00:00:00Z"),
        PathOptions.quorate());
  }

  @Test
  void anchorPermittedSubtreeOutsideAnIntermediateIsPathInvalid() throws Exception {
    NameConstraints onlyPoland =
        new NameConstraints(
            new GeneralSubtree[] {
              new GeneralSubtree(new GeneralName(new X500Name("C=PL,O=Poland")))
            },
            null);
    X509Certificate root = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2040, onlyPoland);
    X509Certificate sub = ca(root, "C=FR,O=Elsewhere,CN=Sub CA");
    X509Certificate leaf = leaf(sub, subKey, "C=PL,O=Poland,CN=officer", Y2020, Y2040, null);
    PathValidationException e =
        rejected(leaf, List.of(sub), root, Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
    assertThat(e.getMessage()).contains("C=FR");
  }

  @Test
  void anchorDnsConstraintExcludingTheSubjectAltNameIsPathInvalid() throws Exception {
    NameConstraints onlyMilPl =
        new NameConstraints(
            new GeneralSubtree[] {
              new GeneralSubtree(new GeneralName(GeneralName.dNSName, "mil.pl"))
            },
            null);
    X509Certificate root = root("CN=POL Root,O=Poland,C=PL", Y2020, Y2040, onlyMilPl);
    X509Certificate inside = leaf(root, "C=PL,O=Poland,CN=node", Y2020, Y2040, "node.mil.pl");
    X509Certificate outside = leaf(root, "C=PL,O=Poland,CN=node", Y2020, Y2040, "node.example.com");
    Instant at = Instant.parse("2025-06-01T00:00:00Z");
    validator.validate(inside, List.of(), List.of(root), List.of(), at, PathOptions.quorate());
    PathValidationException e = rejected(outside, List.of(), root, at);
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
  }

  private PathValidationException rejected(
      X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root, Instant at) {
    PathValidationException[] caught = new PathValidationException[1];
    assertThatThrownBy(
            () ->
                validator.validate(
                    leaf, intermediates, List.of(root), List.of(), at, PathOptions.quorate()))
        .isInstanceOfSatisfying(PathValidationException.class, e -> caught[0] = e);
    return caught[0];
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate root(
      String subject, Instant notBefore, Instant notAfter, NameConstraints constraints)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(subject),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name(subject),
            rootKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    if (constraints != null) {
      b.addExtension(Extension.nameConstraints, true, constraints);
    }
    return sign(b, rootKey);
  }

  private static X509Certificate ca(X509Certificate issuer, String subject) throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(Y2020),
            Date.from(Y2040),
            new X500Name(subject),
            subKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(b, rootKey);
  }

  private static X509Certificate leaf(
      X509Certificate issuer, String subject, Instant notBefore, Instant notAfter, String dns)
      throws Exception {
    return leaf(issuer, rootKey, subject, notBefore, notAfter, dns);
  }

  private static X509Certificate leaf(
      X509Certificate issuer,
      KeyPair issuerKey,
      String subject,
      Instant notBefore,
      Instant notAfter,
      String dns)
      throws Exception {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Name(subject),
            leafKey.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    if (dns != null) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
    }
    return sign(b, issuerKey);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair key) throws Exception {
    return new JcaX509CertificateConverter()
        .setProvider(BC)
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(BC)
                    .build(key.getPrivate())));
  }
}
