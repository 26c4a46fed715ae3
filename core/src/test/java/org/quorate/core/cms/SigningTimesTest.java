package org.quorate.core.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.junit.jupiter.api.Test;

/** The signing-time decoding of RFC 5652 §11.3 with the RFC 5280 §4.1.2.5 year rules. */
class SigningTimesTest {
  @Test
  void utcTimeBefore2050() {
    assertThat(SigningTimes.parse(new ASN1UTCTime("491231235959Z")))
        .isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
  }

  @Test
  void utcTimeFrom1950() {
    assertThat(SigningTimes.parse(new ASN1UTCTime("500101000000Z")))
        .isEqualTo(Instant.parse("1950-01-01T00:00:00Z"));
  }

  @Test
  void generalizedTime() {
    assertThat(SigningTimes.parse(new ASN1GeneralizedTime("20500101120000Z")))
        .isEqualTo(Instant.parse("2050-01-01T12:00:00Z"));
  }

  @Test
  void generalizedTimeWithFractionGoesThroughBouncyCastle() {
    assertThat(SigningTimes.parse(new ASN1GeneralizedTime("20500101120000.5Z")))
        .isEqualTo(Instant.parse("2050-01-01T12:00:00.500Z"));
  }

  @Test
  void impossibleDateRefused() {
    assertThatThrownBy(() -> SigningTimes.parse(new ASN1UTCTime("261399000000Z")))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void notATimeRefused() {
    assertThatThrownBy(() -> SigningTimes.parse(new ASN1Integer(5)))
        .isInstanceOf(RuntimeException.class);
  }
}
