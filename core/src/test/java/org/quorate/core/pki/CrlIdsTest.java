package org.quorate.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

class CrlIdsTest {
  private final Credential ca = TestPki.rootCa("CN=Names Root,O=Test,C=PL");
  private final Instant t = Instant.parse("2026-11-29T10:00:00Z");

  static X509CRL crl(byte[] der) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
            .generateCRL(new ByteArrayInputStream(der));
  }

  @Test
  void aCrlIsNamedByTheSha256OfItsDerAndItsThisUpdate() throws Exception {
    byte[] der = TestPki.crlAt(ca, t, t);
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    assertThat(CrlIds.name(crl(der))).isEqualTo("sha256:" + hex + "@2026-11-29T10:00:00Z");
  }

  @Test
  void describeIsSortedDistinctNoneForEmptyAndNullForNotJudged() throws Exception {
    X509CRL a = crl(TestPki.crlAt(ca, t, t));
    X509CRL b = crl(TestPki.crlAt(ca, t.plus(1, ChronoUnit.HOURS), t));
    String ab = CrlIds.describe(List.of(a, b, a));
    assertThat(ab).isEqualTo(CrlIds.describe(List.of(b, a)));
    assertThat(ab.split(",")).hasSize(2).isSorted();
    assertThat(CrlIds.describe(List.of())).isEqualTo("none");
    assertThat(CrlIds.describe(null)).isNull();
  }
}
