/**
 * Coordination projection of SPEC §3, plain Java: maps admitted events (SPEC §1 {@code proposal},
 * {@code attestation}, {@code retraction}, {@code quorum-declaration}, {@code decision}) to the
 * input records of {@link org.quorate.core.quorum.QuorumEvaluator}, builds the roster snapshot and
 * resolves the policy a proposal names from the mission genesis (roster epoch 0), and builds the
 * content of the node's {@code decision} event. The container side persists and signs; every rule
 * stays in {@code org.quorate.core.quorum}.
 *
 * <p>Scope: roster epoch 0 (the genesis) only. Governance epochs (an adopted governance decision
 * opening the next epoch) are not projected here yet: a proposal naming another epoch is recorded
 * with the state {@code unknown-epoch}.
 */
package org.quorate.core.coordination;
