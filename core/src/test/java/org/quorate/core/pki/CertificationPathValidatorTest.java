package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.core.cms.OpenSslCa;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;

/**
 * {@link CertificationPathValidator} on certificates and CRLs made by {@code openssl ca} at test
 * time: validity at the event's {@code issued}, foreign CAs, and both revocation modes (SPEC §2
 * stage 5 evidence rule; RFC 5280 strict).
 */
class CertificationPathValidatorTest {
  private static final Instant NOW = Instant.now();

  @TempDir Path dir;

  private final CertificationPathValidator validator = new CertificationPathValidator();

  private static PathValidationException rejected(ThrowingValidation validation) {
    try {
      validation.run();
    } catch (PathValidationException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("unexpected exception", e);
    }
    throw new AssertionError("the path validated");
  }

  @FunctionalInterface
  private interface ThrowingValidation {
    void run() throws Exception;
  }

  @Test
  void validPathThroughSubordinateCa() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    OpenSslCa sub = root.subordinate(dir.resolve("sub"), "PL Sub");
    X509Certificate leaf = leaf(sub, "leaf", OpenSslCa.START_2020, OpenSslCa.END_2040);

    ValidatedPath path =
        validator.validate(
            leaf,
            List.of(sub.certificate()),
            List.of(root.certificate()),
            List.of(),
            NOW,
            PathOptions.quorate());

    assertThat(path.trustAnchor()).isEqualTo(root.certificate());
    assertThat(path.certificates()).containsExactly(leaf, sub.certificate());
    assertThat(path.subjects())
        .containsExactly("C=PL,O=Quorate Test,CN=leaf", "CN=PL Sub", "CN=PL Root");
    assertThat(path.crlsConsulted()).isEmpty();
  }

  @Test
  void expiredAtIssued() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    X509Certificate leaf = leaf(root, "old", OpenSslCa.START_2020, "20210101000000Z");
    PathValidationException e =
        rejected(
            () -> validateQuorate(leaf, root, List.of(), Instant.parse("2022-01-01T00:00:00Z")));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.EXPIRED);
    // the same credential is fine for an event issued while it was valid
    validateQuorate(leaf, root, List.of(), Instant.parse("2020-06-01T00:00:00Z"));
  }

  @Test
  void notYetValidAtIssued() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    X509Certificate leaf = leaf(root, "future", "20350101000000Z", "20390101000000Z");
    PathValidationException e = rejected(() -> validateQuorate(leaf, root, List.of(), NOW));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.NOT_YET_VALID);
  }

  @Test
  void certificateOfAnotherCa() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    OpenSslCa other = OpenSslCa.root(dir.resolve("other"), "FR Root");
    X509Certificate leaf = leaf(other, "french", OpenSslCa.START_2020, OpenSslCa.END_2040);
    PathValidationException e = rejected(() -> validateQuorate(leaf, root, List.of(), NOW));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
  }

  @Test
  void credentialWithoutSigningKeyUsage() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    X509Certificate leaf =
        OpenSslCa.load(
            root.issue(
                "encipher",
                root.key("encipher.key", "ec256"),
                OpenSslCa.START_2020,
                OpenSslCa.END_2040,
                "encipher_ext"));
    PathValidationException e = rejected(() -> validateQuorate(leaf, root, List.of(), NOW));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
    assertThat(e.getMessage()).contains("keyUsage");
  }

  @Test
  void impostorCaOfTheSameNameIsPathInvalid() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    OpenSslCa impostor = OpenSslCa.root(dir.resolve("impostor"), "PL Root");
    X509Certificate leaf = leaf(impostor, "fake", OpenSslCa.START_2020, OpenSslCa.END_2040);
    PathValidationException e = rejected(() -> validateQuorate(leaf, root, List.of(), NOW));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
  }

  @Test
  void revokedBeforeIssuedIsRevoked() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    Path leafPath = leafPath(root, "revoked");
    root.revoke(leafPath);
    X509CRL crl = root.crl();
    X509Certificate leaf = OpenSslCa.load(leafPath);

    PathValidationException e =
        rejected(() -> validateQuorate(leaf, root, List.of(crl), NOW.plus(Duration.ofDays(1))));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.REVOKED);
    assertThat(e.crl()).contains(crl);
    assertThat(e.revocationTime())
        .get()
        .satisfies(
            t -> assertThat(Duration.between(t, NOW).abs()).isLessThan(Duration.ofMinutes(10)));
    assertThat(e.revocationTime())
        .contains(crl.getRevokedCertificate(leaf).getRevocationDate().toInstant());
  }

  @Test
  void revokedAfterIssuedStillValid() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    Path leafPath = leafPath(root, "later");
    root.revoke(leafPath);
    X509CRL crl = root.crl();
    ValidatedPath path =
        validateQuorate(
            OpenSslCa.load(leafPath), root, List.of(crl), NOW.minus(Duration.ofDays(1)));
    assertThat(path.crlsConsulted()).containsExactly(crl);
  }

  @Test
  void staleCrlIsStillEvidence() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    Path leafPath = leafPath(root, "stale");
    root.revoke(leafPath);
    X509CRL crl = root.crl(); // nextUpdate in 30 days
    X509Certificate leaf = OpenSslCa.load(leafPath);
    Instant later = NOW.plus(Duration.ofDays(60));

    assertThat(rejected(() -> validateQuorate(leaf, root, List.of(crl), later)).reasonCode())
        .isEqualTo(ReasonCode.REVOKED);
    // (strict mode refuses stale CRLs: PKITS 4.4.11 and 4.4.12 in PkitsTest)
  }

  @Test
  void strictModeRevokedWithCurrentCrl() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    Path leafPath = leafPath(root, "strict");
    root.revoke(leafPath);
    X509CRL crl = root.crl();
    // Bouncy Castle's strict checking refuses validation times in the future: judge now.
    Instant at = Instant.now();
    PathValidationException e =
        rejected(
            () ->
                validator.validate(
                    OpenSslCa.load(leafPath),
                    List.of(),
                    List.of(root.certificate()),
                    List.of(crl),
                    at,
                    PathOptions.strict()));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.REVOKED);
    assertThat(e.crl()).contains(crl);
  }

  @Test
  void strictModeNeedsACrl() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    X509Certificate leaf = leaf(root, "nocrl", OpenSslCa.START_2020, OpenSslCa.END_2040);
    PathValidationException e =
        rejected(
            () ->
                validator.validate(
                    leaf,
                    List.of(),
                    List.of(root.certificate()),
                    List.of(),
                    NOW,
                    PathOptions.strict()));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.PATH_INVALID);
    // the evidence rule: a missing CRL is not an error
    validateQuorate(leaf, root, List.of(), NOW);
  }

  @Test
  void revokedSubordinateCaRevokesItsCredentials() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    OpenSslCa sub = root.subordinate(dir.resolve("sub"), "PL Sub");
    X509Certificate leaf = leaf(sub, "leaf", OpenSslCa.START_2020, OpenSslCa.END_2040);
    root.revoke(sub.certificatePath());
    X509CRL crl = root.crl();
    PathValidationException e =
        rejected(
            () ->
                validator.validate(
                    leaf,
                    List.of(sub.certificate()),
                    List.of(root.certificate()),
                    List.of(crl),
                    NOW.plus(Duration.ofDays(1)),
                    PathOptions.quorate()));
    assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(ReasonCode.REVOKED);
  }

  @Test
  void crlOfAnImpostorIssuerIsIgnored() throws Exception {
    OpenSslCa root = OpenSslCa.root(dir.resolve("root"), "PL Root");
    OpenSslCa impostor = OpenSslCa.root(dir.resolve("impostor"), "PL Root");
    Path leafPath = leafPath(root, "target");
    impostor.revoke(leafPath); // same issuer name and serial, wrong key
    X509CRL forged = impostor.crl();
    X509Certificate leaf = OpenSslCa.load(leafPath);
    assertThat(forged.getRevokedCertificate(leaf)).isNotNull();

    ValidatedPath path = validateQuorate(leaf, root, List.of(forged), NOW.plus(Duration.ofDays(1)));
    assertThat(path.crlsConsulted()).isEmpty();
  }

  private ValidatedPath validateQuorate(
      X509Certificate leaf, OpenSslCa root, List<X509CRL> crls, Instant at) throws Exception {
    return validator.validate(
        leaf, List.of(), List.of(root.certificate()), crls, at, PathOptions.quorate());
  }

  private static Path leafPath(OpenSslCa ca, String name) {
    return ca.issue(name, ca.key(name + ".key", "ec256"), OpenSslCa.START_2020, OpenSslCa.END_2040);
  }

  private static X509Certificate leaf(OpenSslCa ca, String name, String start, String end)
      throws Exception {
    return OpenSslCa.load(ca.issue(name, ca.key(name + ".key", "ec256"), start, end));
  }
}
