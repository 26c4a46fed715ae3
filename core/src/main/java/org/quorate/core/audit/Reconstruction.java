package org.quorate.core.audit;

import java.util.List;
import org.quorate.core.quorum.Dissent;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.QuorumState;

/**
 * A proposal reconstructed from the signed bytes of an audit bundle (SPEC §5 "Reconstruction"):
 * counted with the same evaluator as the node ({@link
 * org.quorate.core.coordination.ProposalEvaluation}).
 *
 * @param mission the mission name (of the genesis)
 * @param genesisId {@code sha256:} of the genesis bytes
 * @param proposalId the proposal's event id
 * @param title the proposal's title, or null when the proposal is not in the bundle
 * @param policyName the policy the proposal names, or null
 * @param epoch the roster epoch the proposal relies on
 * @param policy the policy resolved in the genesis, or null when refused or unknown
 * @param events every input of the bundle in log order (by the index of its last log record)
 * @param finalState the quorum state over every admitted event, evaluated at the tree head's time
 *     (null without a valid policy)
 * @param dissents every dissent of the final state
 * @param decisionId the decision backing the final state, or null
 * @param sthRootHex the signed tree head's root, lower-case hex (null when it did not verify)
 * @param sthSize the signed tree head's size (-1 when it did not verify)
 */
public record Reconstruction(
    String mission,
    String genesisId,
    String proposalId,
    String title,
    String policyName,
    long epoch,
    QuorumPolicy policy,
    List<ReconstructedEvent> events,
    QuorumState finalState,
    List<Dissent> dissents,
    String decisionId,
    String sthRootHex,
    long sthSize) {
  /** Copies the lists. */
  public Reconstruction {
    events = List.copyOf(events);
    dissents = List.copyOf(dissents);
  }
}
