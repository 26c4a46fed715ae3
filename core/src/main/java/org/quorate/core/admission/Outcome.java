package org.quorate.core.admission;

import java.util.Locale;
import org.quorate.core.log.OutcomeCode;

/**
 * The outcome recorded for an input (SPEC §1 REST answer, §2). Each input ends in exactly one
 * current outcome; {@link #HELD} may later become another.
 */
public enum Outcome {
  /** Passed every check; counts. Log outcome code 1. */
  ADMITTED(OutcomeCode.ADMITTED),
  /** Could become valid later (unknown mission, epoch, predecessor, reference). Code 2. */
  HELD(OutcomeCode.HELD),
  /** Failed a check; kept with its reason. Code 3. */
  REJECTED(OutcomeCode.REJECTED),
  /** Authentic proof of misbehaviour (chain fork). Code 4. */
  EVIDENCE(OutcomeCode.EVIDENCE),
  /** Authentic, but issued after its credential's revocation: counted for nobody. Code 6. */
  VOID(OutcomeCode.VOID),
  /** An authentic event id seen before. Code 5. */
  DUPLICATE(OutcomeCode.DUPLICATE);

  private final OutcomeCode log;

  Outcome(OutcomeCode log) {
    this.log = log;
  }

  /**
   * @return the wire form, e.g. {@code admitted}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the outcome byte of a log entry (SPEC §5; {@code void} is 6)
   */
  public int logCode() {
    return log.code();
  }

  /**
   * @return whether the outcome proves an authentic event: admitted, evidence or void ({@link
   *     OutcomeCode#authentic()})
   */
  public boolean authentic() {
    return log.authentic();
  }

  /**
   * @return the outcome a log entry records for it ({@code void} is logged as {@link
   *     OutcomeCode#VOID})
   */
  public OutcomeCode log() {
    return log;
  }
}
