package org.quorate.core.log;

/**
 * The admission outcome a log entry records, with its one-byte code in the entry (SPEC §5, SPEC §2:
 * every input gets one recorded outcome). This is the one table of outcome bytes: the recorded
 * outcome ({@code org.quorate.core.admission.Outcome}) maps onto it, and {@link #authentic()} says
 * which outcomes prove an authentic event (an audit bundle takes those).
 */
public enum OutcomeCode {
  /** The event was admitted. Code 1. */
  ADMITTED(1),
  /** The event waits for something that may become valid later. Code 2. */
  HELD(2),
  /** The input was rejected. Code 3. */
  REJECTED(3),
  /** The input is evidence of misbehaviour (equivocation, chain fork). Code 4. */
  EVIDENCE(4),
  /** The event was already held. Code 5. */
  DUPLICATE(5),
  /**
   * The event is void: authentic, but issued after its credential's revocation, so it counts for
   * nobody (SPEC §2 step 5). Code 6 (formerly named {@code FLAGGED}).
   */
  VOID(6);

  private final int code;

  OutcomeCode(int code) {
    this.code = code;
  }

  /**
   * @return the entry byte, 1 to 6
   */
  public int code() {
    return code;
  }

  /**
   * @return whether an entry with this outcome proves an authentic event (SPEC §5: admitted,
   *     evidence, void); held, rejected and duplicate entries do not
   */
  public boolean authentic() {
    return this == ADMITTED || this == EVIDENCE || this == VOID;
  }

  /**
   * @return the name of the recorded outcome (SPEC §2) this entry stands for, e.g. {@code admitted}
   *     (the same wire names as the recorded outcomes)
   */
  public String recorded() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @param code an entry byte, read as unsigned (0 to 255)
   * @return the outcome with that code
   * @throws IllegalArgumentException if no outcome has that code
   */
  public static OutcomeCode fromCode(int code) {
    for (OutcomeCode outcome : values()) {
      if (outcome.code == code) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("unknown outcome code " + code);
  }
}
