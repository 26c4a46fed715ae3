/**
 * Quorum evaluation of SPEC §3 (Coordination): the declared {@link
 * org.quorate.core.quorum.QuorumPolicy}, the small immutable input records an integrator maps
 * admitted events to, and {@link org.quorate.core.quorum.QuorumEvaluator}, a pure deterministic
 * function from the set of events a node holds to a {@link org.quorate.core.quorum.QuorumState}.
 *
 * <p>Every "before/after" compares {@code issued} times, ties broken by event id (SPEC §1), never
 * input order; the same set of inputs in any order, with or without duplicates, gives the same
 * state. Decisions are checked by recomputation ({@link
 * org.quorate.core.quorum.DecisionValidator}); {@link org.quorate.core.quorum.DecisionTrigger} says
 * which decision a node should sign now. No I/O, no clock: the evaluation time is an input.
 */
package org.quorate.core.quorum;
