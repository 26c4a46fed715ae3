package org.quorate.core.quorum;

import java.time.Instant;

/**
 * An admitted {@code proposal} event (SPEC §1) as quorum counting needs it.
 *
 * @param id the proposal's event id ({@code sha256:…})
 * @param policy the policy name in its body
 * @param epoch the roster epoch the proposal was opened in (its members vote)
 * @param issued the proposal's {@code issued}; the deadline runs from it
 * @param actionSubject for a governance member action ({@code admit-member}, {@code
 *     suspend-member}, {@code reinstate-member}, {@code withdraw-member}, {@code grant-role},
 *     {@code revoke-role}, {@code rotate-trust-anchor}), the member it names; else null
 * @param subjectRule how counting treats {@code actionSubject} (SPEC §1 "Genesis", sovereignty)
 */
public record ProposalRecord(
    String id,
    String policy,
    long epoch,
    Instant issued,
    String actionSubject,
    SubjectRule subjectRule) {

  /** How the member a governance action names stands in the count (SPEC §1). */
  public enum SubjectRule {
    /** Counted as any member (no member action, {@code admit-member}, {@code reinstate-member}). */
    COUNTED,
    /**
     * Left out of n by the built-in {@code governance} policy only ({@code suspend-member}, {@code
     * withdraw-member}); any declared policy counts it.
     */
    EXCEPTED,
    /**
     * The action changes the member's own anchors or grants ({@code rotate-trust-anchor}, {@code
     * grant-role}, {@code revoke-role}): whatever the policy, the member's own concur in the voting
     * role is required, from an attestation naming the proposal's epoch (so signed under an anchor
     * the member holds there, SPEC §2 stages 5–6).
     */
    CONSENT
  }

  /** Checks required fields; a null {@code subjectRule} is {@link SubjectRule#COUNTED}. */
  public ProposalRecord {
    if (id == null || policy == null || issued == null) {
      throw new IllegalArgumentException("a proposal needs id, policy and issued");
    }
    if (subjectRule == null || actionSubject == null) {
      subjectRule = SubjectRule.COUNTED;
    }
  }

  /**
   * A proposal whose subject, if any, is counted as any member.
   *
   * @param id the proposal's event id
   * @param policy the policy name
   * @param epoch its roster epoch
   * @param issued its {@code issued}
   * @param actionSubject the member a governance action names, or null
   */
  public ProposalRecord(
      String id, String policy, long epoch, Instant issued, String actionSubject) {
    this(id, policy, epoch, issued, actionSubject, SubjectRule.COUNTED);
  }

  /**
   * @return the member whose own concur the proposal needs, or null
   */
  public String consentOf() {
    return subjectRule == SubjectRule.CONSENT ? actionSubject : null;
  }
}
