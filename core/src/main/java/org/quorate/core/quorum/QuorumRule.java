package org.quorate.core.quorum;

import java.util.Locale;

/** The rule that decides a {@link QuorumState} (SPEC §3: "every state names the rule"). */
public enum QuorumRule {
  /** More than f equivocators or byzantine signers: status open. */
  BYZANTINE_BOUND_EXCEEDED,
  /** Concurs below T with adoption still possible, deadline not passed. */
  AWAITING_VOTES,
  /**
   * Concurs reach T but too few holders of a required role have concurred yet (the explanation and
   * {@code missingPerRole} name the role and who is missing), deadline not passed.
   */
  AWAITING_REQUIRED_ROLE,
  /**
   * Concurs reach T and required roles are met, but the member whose own anchors or grants the
   * action changes has not concurred yet (SPEC §1 sovereignty), deadline not passed.
   */
  AWAITING_CONSENT,
  /**
   * The member whose own anchors or grants the action changes dissented, abstained or equivocated,
   * or cannot vote in the voting role: the action cannot be adopted as the votes stand.
   */
  CONSENT_WITHHELD,
  /** Concurs reach T, required roles met, no veto dissent. */
  THRESHOLD_MET,
  /** A veto holder's current vote is a dissent. */
  VETO,
  /** Even if every member yet to vote concurred, concurs could not reach T. */
  THRESHOLD_UNREACHABLE,
  /** Too few holders of a required role are left who could concur. */
  REQUIRED_ROLE_UNREACHABLE,
  /** The deadline passed with adoption still possible. */
  DEADLINE_LAPSED,
  /** Rule met over the reachable members of the quorum declaration only. */
  PARTIAL_QUORUM,
  /** After a provisional adoption, the full-roster rule is met. */
  FULL_ROSTER_MET,
  /** After a provisional adoption, an absent member's late dissent overturns it. */
  ABSENT_MEMBER_DISSENT,
  /** The ratification window closed; {@code onWindowClose} is {@code adopt}. */
  WINDOW_CLOSED_ADOPT,
  /** The ratification window closed; {@code onWindowClose} is {@code lapse}. */
  WINDOW_CLOSED_LAPSE,
  /** Two valid final decisions name different outcomes. */
  CONFLICTING_DECISIONS;

  /**
   * @return the wire name, e.g. {@code byzantine-bound-exceeded}
   */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
