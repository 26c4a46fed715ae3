package org.quorate.core.admission;

import java.time.Duration;

/**
 * Bounds on held inputs (SPEC §2): past them an input is rejected {@code held-limit} (or {@code
 * unknown-mission} when it waited for its mission). Such a rejection is local and not final: the
 * same input arriving again is evaluated afresh.
 *
 * @param maxPerMission most inputs held for one mission name (&ge; 1)
 * @param maxAge longest an input stays held
 */
public record HeldLimits(int maxPerMission, Duration maxAge) {
  /** 10,000 per mission, 7 days. */
  public static final HeldLimits DEFAULT = new HeldLimits(10_000, Duration.ofDays(7));

  /** Checks the bounds. */
  public HeldLimits {
    if (maxPerMission < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("held limits must be positive");
    }
  }
}
