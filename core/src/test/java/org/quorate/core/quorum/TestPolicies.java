package org.quorate.core.quorum;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Small policies for unit tests. */
final class TestPolicies {
  private TestPolicies() {}

  static QuorumPolicy simple(String fraction, int f) {
    return new QuorumPolicy(
        "operational",
        1,
        "approving-authority",
        QuorumPolicy.Threshold.fraction(Fraction.parse(fraction), QuorumPolicy.Basis.MEMBERS),
        List.of(),
        Set.of(),
        f,
        null,
        Duration.ofHours(24),
        false);
  }
}
