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
 *     suspend-member}, {@code withdraw-member}, {@code grant-role}, {@code revoke-role}, {@code
 *     rotate-trust-anchor}), the member it names; else null
 */
public record ProposalRecord(
    String id, String policy, long epoch, Instant issued, String actionSubject) {
  /** Checks required fields. */
  public ProposalRecord {
    if (id == null || policy == null || issued == null) {
      throw new IllegalArgumentException("a proposal needs id, policy and issued");
    }
  }
}
