package org.quorate.core.quorum;

import java.time.Instant;
import java.util.List;

/**
 * What decision a node holding a {@code node} credential should sign now (SPEC §3).
 *
 * @param proposal the proposal id
 * @param outcome the outcome for the body
 * @param counted the attestation ids for {@code counted}, in SPEC §1 order
 * @param declaration the declaration id for {@code declaration}, or null
 * @param issued the {@code issued} to sign with
 * @param rule the rule that yields the outcome
 */
public record DecisionAdvice(
    String proposal,
    QuorumStatus outcome,
    List<String> counted,
    String declaration,
    Instant issued,
    QuorumRule rule) {}
