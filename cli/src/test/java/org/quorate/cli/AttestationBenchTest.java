package org.quorate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How {@code quorate load --attestations N} spreads N − 1 attestations over its voters. */
class AttestationBenchTest {

  @Test
  void sharesAddUpToAllButTheClosingAttestation() {
    int[] shares = AttestationBench.shares(1000, AttestationBench.VOTERS);
    assertThat(Arrays.stream(shares).sum()).isEqualTo(999);
    assertThat(shares).hasSize(13);
    assertThat(Arrays.stream(shares).max().getAsInt() - Arrays.stream(shares).min().getAsInt())
        .isLessThanOrEqualTo(1);
  }

  @Test
  void theSmallestRunHasEveryVoterConcurOnce() {
    assertThat(AttestationBench.shares(14, 13)).containsOnly(1).hasSize(13);
  }

  @Test
  void tooFewAttestationsForTheQuorumAreRefused() {
    // With fewer, a voter the quorum needs would stay silent and no decision would come.
    assertThatThrownBy(() -> AttestationBench.shares(13, 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 14 attestations");
  }
}
