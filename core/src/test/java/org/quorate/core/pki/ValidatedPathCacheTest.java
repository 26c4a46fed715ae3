package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.quorate.core.reason.PathValidationException;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

class ValidatedPathCacheTest {
  private final ValidatedPathCache cache = new ValidatedPathCache(new CertificationPathValidator());
  private final Instant now = Instant.now();
  private final Credential ca = TestPki.rootCa("CN=Cache Root,O=Test,C=PL");
  private final Credential ee =
      TestPki.signer(
          ca,
          "CN=Cache EE,O=Test,C=PL",
          now.minus(1, ChronoUnit.DAYS),
          now.plus(1, ChronoUnit.DAYS));

  private ValidatedPath validate(List<X509CRL> crls, Instant at) throws PathValidationException {
    return cache.validate(
        ee.certificate(), List.of(), List.of(ca.certificate()), crls, at, PathOptions.quorate());
  }

  @Test
  void theSameCredentialIsServedFromTheCacheInsideItsValidity() throws Exception {
    ValidatedPath first = validate(List.of(), now);
    assertThat(validate(List.of(), now.plus(1, ChronoUnit.HOURS))).isSameAs(first);
  }

  @Test
  void aTimeOutsideTheValidityIsJudgedAfresh() throws Exception {
    validate(List.of(), now);
    assertThatThrownBy(() -> validate(List.of(), now.plus(2, ChronoUnit.DAYS)))
        .isInstanceOfSatisfying(
            PathValidationException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.EXPIRED));
  }

  @Test
  void aCrlRevokingTheCredentialInvalidatesTheCachedPath() throws Exception {
    validate(List.of(), now);
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(
                    new ByteArrayInputStream(
                        TestPki.crl(ca, ee.certificate(), now.minus(1, ChronoUnit.HOURS))));
    assertThatThrownBy(() -> validate(List.of(crl), now))
        .isInstanceOfSatisfying(
            PathValidationException.class,
            e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.REVOKED));
    // Before the revocation time the credential still validates, with the CRL in the set.
    assertThat(validate(List.of(crl), now.minus(2, ChronoUnit.HOURS))).isNotNull();
  }

  @Test
  void aNewCrlThatRevokesNothingStillInvalidatesTheCachedPath() throws Exception {
    ValidatedPath cached = validate(List.of(), now);
    assertThat(validate(List.of(), now)).isSameAs(cached);
    X509CRL empty =
        (X509CRL)
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(new ByteArrayInputStream(TestPki.crlAt(ca, now, now)));
    ValidatedPath fresh = validate(List.of(empty), now);
    // Validated afresh: the CRLs consulted (recorded with the outcome) name the new CRL.
    assertThat(fresh).isNotSameAs(cached);
    assertThat(cached.crlsConsulted()).isEmpty();
    assertThat(fresh.crlsConsulted()).containsExactly(empty);
    assertThat(validate(List.of(empty), now.plusSeconds(1))).isSameAs(fresh);
  }

  @Test
  void aRevokingCrlAfterACachedValidationIsNotMaskedByTheCache() throws Exception {
    X509CRL empty =
        (X509CRL)
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(new ByteArrayInputStream(TestPki.crlAt(ca, now, now)));
    validate(List.of(empty), now);
    X509CRL revoking =
        (X509CRL)
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(
                    new ByteArrayInputStream(
                        TestPki.crlAt(
                            ca,
                            now.plusSeconds(1),
                            now.minus(1, ChronoUnit.HOURS),
                            ee.certificate())));
    assertThatThrownBy(() -> validate(List.of(empty, revoking), now))
        .isInstanceOfSatisfying(
            PathValidationException.class,
            e -> {
              assertThat(e.reasonCode()).isEqualTo(ReasonCode.REVOKED);
              assertThat(e.crl()).contains(revoking);
            });
  }
}
