package org.quorate.core.admission;

import java.time.Duration;

/**
 * Bounds on held inputs (SPEC §2, §4): past them an input is rejected {@code held-limit} (or {@code
 * unknown-mission} when it waited for its mission). Such a rejection is local and not final: the
 * same input arriving again is evaluated afresh (and reconciliation between nodes sends it again
 * when a peer still lacks it). The bound per signer keeps one member (or one peer forwarding a
 * flood of one signer's out-of-order events) from filling the mission's bound and pushing out the
 * held inputs of others.
 *
 * @param maxPerMission most inputs held for one mission name (&ge; 1)
 * @param maxAge longest an input stays held
 * @param maxPerSigner most inputs held for one signer in one mission (&ge; 1, at most {@code
 *     maxPerMission})
 */
public record HeldLimits(int maxPerMission, Duration maxAge, int maxPerSigner) {
  /** 10,000 per mission, 7 days, 1,000 per signer. */
  public static final HeldLimits DEFAULT = new HeldLimits(10_000, Duration.ofDays(7), 1_000);

  /** Checks the bounds. */
  public HeldLimits {
    if (maxPerMission < 1 || maxPerSigner < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("held limits must be positive");
    }
    if (maxPerSigner > maxPerMission) {
      throw new IllegalArgumentException("the bound per signer exceeds the bound per mission");
    }
  }

  /**
   * Bounds with no separate bound per signer (it equals the bound per mission).
   *
   * @param maxPerMission most inputs held for one mission name (&ge; 1)
   * @param maxAge longest an input stays held
   */
  public HeldLimits(int maxPerMission, Duration maxAge) {
    this(maxPerMission, maxAge, maxPerMission);
  }
}
