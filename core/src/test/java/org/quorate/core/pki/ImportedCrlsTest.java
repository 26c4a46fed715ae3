package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.pki.CrlIdsTest.crl;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.mission.Member;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

class ImportedCrlsTest {
  private final Credential polCa = TestPki.rootCa("CN=POL Import Root,O=Poland,C=PL");
  private final Credential ltuCa = TestPki.rootCa("CN=LTU Import Root,O=Lithuania,C=LT");
  private final Credential victim = TestPki.signer(polCa, "CN=Victim,O=Poland,C=PL");
  private final List<Member> members =
      List.of(
          new Member("POL", "Poland", 1, List.of(polCa.certificate()), List.of()),
          new Member("LTU", "Lithuania", 1, List.of(ltuCa.certificate()), List.of()));
  private final Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final String credential = InputRecord.credentialOf(victim.certificate());

  private static CrlImportException refusal(byte[] bytes, List<Member> members) {
    try {
      ImportedCrls.verify(bytes, members);
    } catch (CrlImportException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  @Test
  void aDerCrlSignedByAMembersAnchorIsAcceptedForThatMember() throws Exception {
    byte[] der = TestPki.crlAt(polCa, t, t, victim.certificate());
    ImportedCrls.Verified v = ImportedCrls.verify(der, members);
    assertThat(v.member()).isEqualTo("POL");
    assertThat(v.der()).isEqualTo(der);
    assertThat(v.sha256()).isEqualTo(CrlIds.sha256(der));
  }

  @Test
  void aPemCrlIsAcceptedToo() throws Exception {
    byte[] der = TestPki.crlAt(ltuCa, t, t);
    String pem =
        "-----BEGIN X509 CRL-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END X509 CRL-----\n";
    ImportedCrls.Verified v = ImportedCrls.verify(pem.getBytes(StandardCharsets.US_ASCII), members);
    assertThat(v.member()).isEqualTo("LTU");
    assertThat(v.der()).isEqualTo(der);
  }

  @Test
  void refusalsCarryTheirOwnReasonCodes() {
    assertThat(refusal(new byte[0], members).reasonCode()).isEqualTo("malformed-crl");
    assertThat(refusal("not a crl".getBytes(StandardCharsets.US_ASCII), members).reasonCode())
        .isEqualTo("malformed-crl");
    assertThat(
            refusal(
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                        .getBytes(StandardCharsets.US_ASCII),
                    members)
                .reasonCode())
        .isEqualTo("malformed-crl");
    assertThat(refusal(new byte[ImportedCrls.MAX_BYTES + 1], members).reasonCode())
        .isEqualTo("too-large");
    Credential stranger = TestPki.rootCa("CN=Stranger Root,O=Nowhere,C=FR");
    assertThat(refusal(TestPki.crlAt(stranger, t, t), members).reasonCode())
        .isEqualTo("crl-issuer-not-anchor");
    // Same issuer name as POL's anchor, another key: the signature does not verify.
    Credential impostor = TestPki.rootCa("CN=POL Import Root,O=Poland,C=PL");
    CrlImportException e = refusal(TestPki.crlAt(impostor, t, t), members);
    assertThat(e.reasonCode()).isEqualTo("bad-crl-signature");
    assertThat(e.getMessage()).contains("CN=POL Import Root");
  }

  @Test
  void aFlippedSignatureByteIsABadSignature() {
    byte[] der = TestPki.crlAt(polCa, t, t, victim.certificate());
    der[der.length - 3] ^= 0x01;
    CrlImportException e = refusal(der, members);
    assertThat(e.reasonCode()).isEqualTo("bad-crl-signature");
  }

  @Test
  void theHintNamesAnEventIssuedAtOrAfterTheRevocationOnly() throws Exception {
    Instant revoked = t.minus(1, ChronoUnit.HOURS);
    ImportedCrls.Verified v =
        ImportedCrls.verify(TestPki.crlAt(polCa, t, revoked, victim.certificate()), members);
    assertThat(ImportedCrls.hint(List.of(v), List.of(), credential, revoked.plusSeconds(60)))
        .hasValueSatisfying(
            h ->
                assertThat(h)
                    .contains("Revocation pending")
                    .contains(CrlIds.name(v.crl()))
                    .contains("POL"));
    assertThat(ImportedCrls.hint(List.of(v), List.of(), credential, revoked)).isPresent();
    assertThat(ImportedCrls.hint(List.of(v), List.of(), credential, revoked.minusSeconds(1)))
        .isEmpty();
    String other = InputRecord.credentialOf(TestPki.signer(polCa, "CN=Other").certificate());
    assertThat(ImportedCrls.hint(List.of(v), List.of(), other, t)).isEmpty();
    assertThat(ImportedCrls.hint(List.of(v), List.of(), null, t)).isEmpty();
  }

  @Test
  void aDeliveredCrlOfTheSameIssuerAtLeastAsRecentEndsTheHint() throws Exception {
    Instant revoked = t.minus(1, ChronoUnit.HOURS);
    ImportedCrls.Verified v =
        ImportedCrls.verify(TestPki.crlAt(polCa, t, revoked, victim.certificate()), members);
    X509CRL older = crl(TestPki.crlAt(polCa, t.minus(2, ChronoUnit.HOURS), revoked));
    X509CRL same = crl(TestPki.crlAt(polCa, t, revoked));
    X509CRL otherIssuer = crl(TestPki.crlAt(ltuCa, t.plus(1, ChronoUnit.HOURS), revoked));
    assertThat(ImportedCrls.hint(List.of(v), List.of(older, otherIssuer), credential, t))
        .isPresent();
    assertThat(ImportedCrls.hint(List.of(v), List.of(older, same), credential, t)).isEmpty();
  }
}
