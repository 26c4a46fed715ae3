package org.quorate.ejb.coordination;

/**
 * CDI event: the evaluator advises a decision on a proposal of a mission holding a node credential
 * (SPEC §3). Observed after the transaction commits, it makes the node sign in a new transaction.
 *
 * @param mission the mission
 * @param proposal the proposal's event id
 */
public record DecisionDue(String mission, String proposal) {}
