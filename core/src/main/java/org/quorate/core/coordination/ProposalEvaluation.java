package org.quorate.core.coordination;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.mission.Genesis;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.DecisionTrigger;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumEvaluator;
import org.quorate.core.quorum.QuorumInputs;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.quorum.RosterSnapshot;

/**
 * One evaluation of a proposal for the projection: resolves the roster (epoch 0 of the genesis) and
 * the policy the proposal names, then runs {@link QuorumEvaluator} and {@link DecisionTrigger}.
 * When the proposal names an epoch other than 0 or a policy that is unknown or refused, there is no
 * quorum state: {@link #status()} is {@code unknown-epoch} or {@code invalid-policy} with {@link
 * #reason()}.
 *
 * @param status {@code invalid-policy}, {@code unknown-epoch}, or the state's wire status
 * @param reason why there is no state (null when there is one)
 * @param roster the roster snapshot of epoch 0
 * @param policy the policy resolution (null for {@code unknown-epoch})
 * @param state the quorum state, or null
 * @param advice the decision a node should sign now, if any (empty without a state)
 * @param inputs the evaluator's inputs, or null without a state
 */
public record ProposalEvaluation(
    String status,
    String reason,
    RosterSnapshot roster,
    PolicyResolution policy,
    QuorumState state,
    Optional<DecisionAdvice> advice,
    QuorumInputs inputs) {

  /** Status of a proposal whose policy is unknown or refused. */
  public static final String INVALID_POLICY = "invalid-policy";

  /** Status of a proposal relying on a roster epoch this projection does not know (not 0). */
  public static final String UNKNOWN_EPOCH = "unknown-epoch";

  /**
   * Evaluates a proposal over the events held.
   *
   * @param genesis the mission genesis (roster epoch 0 and policies)
   * @param proposal the proposal
   * @param attestations attestations held on it (admitted; void and evidence ones left out)
   * @param retractions retractions held (admitted)
   * @param declarations quorum declarations held (admitted)
   * @param decisions decisions held (admitted)
   * @param byzantine members with chain-fork evidence in the mission
   * @param now the evaluation time; whole seconds are used for the decision advice so that a
   *     decision signed with it counts exactly the attestations issued at or before it
   * @return the evaluation
   */
  public static ProposalEvaluation evaluate(
      Genesis genesis,
      ProposalRecord proposal,
      List<AttestationRecord> attestations,
      List<RetractionRecord> retractions,
      List<QuorumDeclarationRecord> declarations,
      List<DecisionRecord> decisions,
      Set<String> byzantine,
      Instant now) {
    RosterSnapshot roster = CoordinationMapping.roster(genesis);
    if (proposal.epoch() != 0) {
      return new ProposalEvaluation(
          UNKNOWN_EPOCH,
          "the proposal relies on roster epoch "
              + proposal.epoch()
              + "; this node projects epoch 0 (the genesis) only",
          roster,
          null,
          null,
          Optional.empty(),
          null);
    }
    PolicyResolution policy = PolicyResolution.resolve(genesis, proposal.policy(), roster);
    if (!policy.valid()) {
      return new ProposalEvaluation(
          INVALID_POLICY,
          "policy " + proposal.policy() + " refused: " + policy.reason(),
          roster,
          policy,
          null,
          Optional.empty(),
          null);
    }
    QuorumInputs in =
        new QuorumInputs(
            proposal,
            policy.policy(),
            roster,
            attestations,
            retractions,
            declarations,
            decisions,
            byzantine,
            now);
    QuorumState state = QuorumEvaluator.evaluate(in);
    Optional<DecisionAdvice> advice =
        DecisionTrigger.advise(in.at(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    return new ProposalEvaluation(state.status().wire(), null, roster, policy, state, advice, in);
  }
}
