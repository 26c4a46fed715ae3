package org.quorate.core.quorum;

import java.util.Locale;

/** Status of a proposal (SPEC §3 "Status", "Partial quorum", "Decisions make it final"). */
public enum QuorumStatus {
  /** Neither adopted nor impossible yet, or the byzantine bound is exceeded. */
  OPEN,
  /** Concurs reach T, required roles met, no veto dissent. */
  ADOPTED,
  /** The votes cast make adoption impossible; final only at the deadline. */
  REJECTED,
  /** The rule is met over the reachable members R of a quorum declaration only (not final). */
  PROVISIONALLY_ADOPTED,
  /** After a provisional adoption, the full-roster rule is met. */
  RATIFIED,
  /** After a provisional adoption, an absent member dissented (policy or veto). */
  OVERTURNED,
  /** The deadline passed (or a window closed with {@code "lapse"}) with adoption still possible. */
  LAPSED,
  /** Two valid final decisions name different outcomes. */
  CONTESTED;

  /**
   * @return the wire name, e.g. {@code provisionally-adopted}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @param wire a wire name such as {@code adopted}
   * @return the status
   * @throws IllegalArgumentException for an unknown name
   */
  public static QuorumStatus fromWire(String wire) {
    for (QuorumStatus s : values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown quorum status " + wire);
  }

  /**
   * @return whether a decision with this outcome is final (SPEC §3: every decision outcome but
   *     {@code provisionally-adopted})
   */
  public boolean finalOutcome() {
    return this != PROVISIONALLY_ADOPTED && this != OPEN && this != CONTESTED;
  }
}
