package org.quorate.core.quorum;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a node holds that bears on one proposal, plus the evaluation time. The lists may be in
 * any order and may hold duplicates (equal records); records of other proposals are ignored. Two
 * different records with one event id are refused (an event id is a hash of the content).
 *
 * @param proposal the proposal
 * @param policy the policy it names, as declared in the proposal's epoch (or {@link
 *     QuorumPolicy#governance()})
 * @param roster the roster of the proposal's epoch: its members vote, members admitted later do not
 * @param attestations attestations held
 * @param retractions retractions held
 * @param declarations quorum declarations held
 * @param decisions decisions held
 * @param byzantineMembers members with a chain fork (SPEC §2 step 9): their votes count for nobody
 * @param now the evaluation time (deadline and window checks only)
 */
public record QuorumInputs(
    ProposalRecord proposal,
    QuorumPolicy policy,
    RosterSnapshot roster,
    List<AttestationRecord> attestations,
    List<RetractionRecord> retractions,
    List<QuorumDeclarationRecord> declarations,
    List<DecisionRecord> decisions,
    Set<String> byzantineMembers,
    Instant now) {
  /** Checks non-null and copies. */
  public QuorumInputs {
    if (proposal == null || policy == null || roster == null || now == null) {
      throw new IllegalArgumentException("proposal, policy, roster and now are required");
    }
    attestations = List.copyOf(attestations);
    retractions = List.copyOf(retractions);
    declarations = List.copyOf(declarations);
    decisions = List.copyOf(decisions);
    byzantineMembers = Set.copyOf(byzantineMembers);
  }

  /**
   * @param when another evaluation time
   * @return these inputs evaluated at {@code when}
   */
  public QuorumInputs at(Instant when) {
    return new QuorumInputs(
        proposal,
        policy,
        roster,
        attestations,
        retractions,
        declarations,
        decisions,
        byzantineMembers,
        when);
  }
}
