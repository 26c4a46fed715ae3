package org.quorate.core.quorum;

import java.util.Locale;

/** The verdict of an attestation (SPEC §1 body {@code "verdict"}). */
public enum Verdict {
  /** {@code concur}. */
  CONCUR,
  /** {@code dissent}; a rationale is required (SPEC §1). */
  DISSENT,
  /** {@code abstain}: a vote cast that is neither concur nor dissent. */
  ABSTAIN;

  /**
   * @return the wire name, e.g. {@code concur}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param wire {@code concur}, {@code dissent} or {@code abstain}
   * @return the verdict
   * @throws IllegalArgumentException for any other text
   */
  public static Verdict fromWire(String wire) {
    for (Verdict v : values()) {
      if (v.wire().equals(wire)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown verdict " + wire);
  }
}
