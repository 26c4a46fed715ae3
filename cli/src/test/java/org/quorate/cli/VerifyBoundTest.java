package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify-only bound of {@code quorate load}: each certificate's key is decoded once, whatever
 * the number of signatures, and a signature that does not verify is an error, not a rate.
 */
class VerifyBoundTest {
  @TempDir static Path tmp;
  static final List<byte[]> DERS = new ArrayList<>();

  @BeforeAll
  static void sign() {
    Path pki = tmp.resolve("pki");
    new DemoPki().generate(pki, "BOUND-TEST", false);
    for (String member : List.of("POL", "EST")) {
      DemoCredential c = DemoCredential.load(pki, member, "approving-authority");
      for (int i = 0; i < 5; i++) {
        byte[] content = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        DERS.add(
            CmsSigning.sign(content, c.key(), c.cert(), List.of(), CmsSigning.RsaScheme.PKCS1));
      }
    }
  }

  @Test
  void decodesEachCertificatesKeyOnceAndVerifiesEverySignatureOfEachPass() {
    VerifyBound.Rate rate = VerifyBound.measure(DERS, 1_000_000L, 1_000_000L);

    assertThat(rate.keys()).isEqualTo(2);
    assertThat(rate.algorithm()).isEqualTo("SHA256withECDSA");
    assertThat(rate.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(rate.verified()).isPositive().isEqualTo(rate.verified() / DERS.size() * DERS.size());
    assertThat(rate.perSecond()).isPositive();
  }

  @Test
  void aSignatureThatDoesNotVerifyFailsTheMeasurement() {
    List<byte[]> ders = new ArrayList<>(DERS);
    byte[] forged = DERS.get(3).clone();
    byte[] value = CmsSigning.signatureValue(forged);
    int at = indexOf(forged, value) + value.length - 1;
    forged[at] ^= 1;
    ders.set(3, forged);

    assertThatThrownBy(() -> VerifyBound.measure(ders, 1_000_000L, 1_000_000L))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("verify");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("signature value not found");
  }
}
