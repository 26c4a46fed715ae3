/**
 * Coordination projection of SPEC §3, plain Java: maps admitted events (SPEC §1 {@code proposal},
 * {@code attestation}, {@code retraction}, {@code quorum-declaration}, {@code decision}) to the
 * input records of {@link org.quorate.core.quorum.QuorumEvaluator}, builds the roster snapshot of a
 * proposal's epoch and resolves the policy it names there, and builds the content of the node's
 * {@code decision} event. The container side persists and signs; every rule stays in {@code
 * org.quorate.core.quorum}.
 *
 * <p>Roster epochs (SPEC §3 "Governance"): {@link org.quorate.core.coordination.EpochChain} derives
 * them from the genesis and the admitted events (an adopted governance decision on a proposal of
 * epoch k opens epoch k+1; of several, the earliest by (issued, event id) that is valid and whose
 * action applies), and {@link org.quorate.core.coordination.GovernanceAction} applies the SPEC §1
 * actions.
 */
package org.quorate.core.coordination;
