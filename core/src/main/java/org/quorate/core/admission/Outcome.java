package org.quorate.core.admission;

import java.util.Locale;

/**
 * The outcome recorded for an input (SPEC §1 REST answer, §2). Each input ends in exactly one
 * current outcome; {@link #HELD} may later become another.
 */
public enum Outcome {
  /** Passed every check; counts. Log outcome code 1. */
  ADMITTED(1),
  /** Could become valid later (unknown mission, epoch, predecessor, reference). Code 2. */
  HELD(2),
  /** Failed a check; kept with its reason. Code 3. */
  REJECTED(3),
  /** Authentic proof of misbehaviour (chain fork). Code 4. */
  EVIDENCE(4),
  /** Authentic, but issued after its credential's revocation: counted for nobody. Code 6. */
  VOID(6),
  /** An authentic event id seen before. Code 5. */
  DUPLICATE(5);

  private final int logCode;

  Outcome(int logCode) {
    this.logCode = logCode;
  }

  /**
   * @return the wire form, e.g. {@code admitted}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the outcome byte of a log entry (SPEC §5; {@code void} is logged as 6, flagged)
   */
  public int logCode() {
    return logCode;
  }
}
