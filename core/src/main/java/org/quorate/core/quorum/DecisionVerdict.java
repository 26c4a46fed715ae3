package org.quorate.core.quorum;

/**
 * Whether a decision is valid (SPEC §3 "Decisions make it final").
 *
 * @param decision the decision id
 * @param valid whether every check passed
 * @param reason why not, one sentence with both values; {@code "valid"} when valid
 * @param recount the status the recount yields at the decision
 */
public record DecisionVerdict(
    String decision, boolean valid, String reason, QuorumStatus recount) {}
