package org.quorate.core.quorum;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quorum state of a proposal (SPEC §3), a deterministic function of the inputs.
 *
 * @param proposal the proposal id
 * @param status the status
 * @param isFinal true iff backed by a valid final decision (or two conflicting ones: {@code
 *     contested})
 * @param rule the rule that decides the status
 * @param explanation one sentence for a human, with the numbers
 * @param threshold T over the full roster (with the byzantine floor)
 * @param basis what T counts: members, weight or count of members
 * @param n members of the proposal's epoch that count (suspended and action subject excluded)
 * @param totalWeight their total weight
 * @param counts current votes in the voting role
 * @param dissents every dissent on the proposal by an eligible member, in SPEC §1 order
 * @param missingPerRole per required role, holders of that role that have not concurred in it
 * @param missingVoters members with no counted vote in the voting role (equivocators and byzantine
 *     members excluded)
 * @param equivocations equivocation evidence
 * @param byzantineMembers chain-fork members among the counted members
 * @param byzantineBoundExceeded more than f equivocators or byzantine members
 * @param late ids of late attestations
 * @param ineligible ids of attestations by non-members of the epoch or in a role not held
 * @param declaration the quorum declaration in force (largest R, qualified), or null
 * @param deadline the proposal's deadline
 * @param windowCloses the ratification window's close, or null
 * @param decision the decision backing the status (final, or the provisional one), or null
 * @param validFinalDecisions ids of every valid final decision
 * @param invalidDecisions decision id to the reason it is not valid
 */
public record QuorumState(
    String proposal,
    QuorumStatus status,
    boolean isFinal,
    QuorumRule rule,
    String explanation,
    long threshold,
    QuorumPolicy.Basis basis,
    int n,
    long totalWeight,
    Counts counts,
    List<Dissent> dissents,
    Map<String, List<String>> missingPerRole,
    List<String> missingVoters,
    List<Equivocation> equivocations,
    Set<String> byzantineMembers,
    boolean byzantineBoundExceeded,
    List<String> late,
    List<String> ineligible,
    String declaration,
    Instant deadline,
    Instant windowCloses,
    String decision,
    List<String> validFinalDecisions,
    Map<String, String> invalidDecisions) {

  /** Copies every collection into an immutable one (map order kept). */
  public QuorumState {
    dissents = List.copyOf(dissents);
    missingPerRole =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missingPerRole));
    missingVoters = List.copyOf(missingVoters);
    equivocations = List.copyOf(equivocations);
    byzantineMembers =
        java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(byzantineMembers));
    late = List.copyOf(late);
    ineligible = List.copyOf(ineligible);
    validFinalDecisions = List.copyOf(validFinalDecisions);
    invalidDecisions =
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(invalidDecisions));
  }

  /**
   * Current votes in the voting role.
   *
   * @param concur members concurring
   * @param dissent members dissenting
   * @param abstain members abstaining
   * @param concurWeight their weight
   * @param dissentWeight their weight
   * @param abstainWeight their weight
   */
  public record Counts(
      int concur,
      int dissent,
      int abstain,
      long concurWeight,
      long dissentWeight,
      long abstainWeight) {}
}
