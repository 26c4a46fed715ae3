package org.quorate.core.coordination;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
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
import org.quorate.core.quorum.TimeBoundaries;

/**
 * One evaluation of a proposal for the projection: takes the roster of the proposal's epoch (SPEC
 * §3: proposals keep the epoch they were opened in) and the policy the proposal names there, then
 * runs {@link QuorumEvaluator} and {@link DecisionTrigger}. When the proposal's epoch is not known
 * (yet) or its policy is unknown or refused, there is no quorum state: {@link #status()} is {@code
 * unknown-epoch} or {@code invalid-policy} with {@link #reason()}.
 *
 * @param status {@code invalid-policy}, {@code unknown-epoch}, or the state's wire status
 * @param reason why there is no state (null when there is one)
 * @param roster the roster snapshot of the proposal's epoch (of epoch 0 when that is unknown)
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

  /** Status of a proposal relying on a roster epoch this node does not know (yet). */
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
   * @param now the evaluation time; the decision advice is issued at it to the millisecond (or a
   *     millisecond later while a held event of the proposal is issued at exactly that instant), so
   *     that a decision signed with it counts exactly the attestations issued at or before it
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
    return evaluate(
        genesis,
        proposal.epoch() == 0 ? Roster.genesis(genesis) : null,
        proposal,
        attestations,
        retractions,
        declarations,
        decisions,
        byzantine,
        now);
  }

  /**
   * Evaluates a proposal over the events held, with the roster of its epoch.
   *
   * @param genesis the mission genesis
   * @param epoch the roster of the proposal's epoch, or null when this node does not know it
   * @param proposal the proposal
   * @param attestations attestations held on it (admitted; void and evidence ones left out)
   * @param retractions retractions held (admitted)
   * @param declarations quorum declarations held (admitted)
   * @param decisions decisions held (admitted)
   * @param byzantine members with chain-fork evidence in the mission
   * @param now the evaluation time (milliseconds used for the decision advice)
   * @return the evaluation
   * @throws IllegalArgumentException when {@code epoch} is not the proposal's epoch
   */
  public static ProposalEvaluation evaluate(
      Genesis genesis,
      Roster epoch,
      ProposalRecord proposal,
      List<AttestationRecord> attestations,
      List<RetractionRecord> retractions,
      List<QuorumDeclarationRecord> declarations,
      List<DecisionRecord> decisions,
      Set<String> byzantine,
      Instant now) {
    if (epoch == null) {
      return new ProposalEvaluation(
          UNKNOWN_EPOCH,
          "the proposal relies on roster epoch "
              + proposal.epoch()
              + ", which this node does not know (yet)",
          CoordinationMapping.roster(genesis),
          null,
          null,
          Optional.empty(),
          null);
    }
    if (epoch.epoch() != proposal.epoch()) {
      throw new IllegalArgumentException(
          "roster of epoch " + epoch.epoch() + " given for a proposal of " + proposal.epoch());
    }
    RosterSnapshot roster = CoordinationMapping.roster(epoch);
    PolicyResolution policy = PolicyResolution.resolve(epoch, proposal.policy(), roster);
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
        DecisionTrigger.advise(in.at(now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    return new ProposalEvaluation(state.status().wire(), null, roster, policy, state, advice, in);
  }

  /**
   * When a node's clock must evaluate this proposal again ({@link TimeBoundaries}): the first
   * instant after the evaluation time at which time alone can change the state or the decision
   * advised. Without a state ({@code unknown-epoch}, {@code invalid-policy}) time changes nothing:
   * only the roster epochs the events held make can, and a change of those counts the mission's
   * open proposals again.
   *
   * @return epoch milliseconds (rounded up), or {@link Long#MAX_VALUE} when only new events (or a
   *     change of the roster epochs) can change the evaluation
   */
  public long clockDueMillis() {
    return state == null ? Long.MAX_VALUE : TimeBoundaries.nextMillis(inputs, state);
  }
}
