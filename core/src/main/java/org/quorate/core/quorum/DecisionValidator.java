package org.quorate.core.quorum;

import java.util.List;

/**
 * Checks a decision by recomputation (SPEC §3 "Decisions make it final"). A decision is valid iff
 * it names the proposal, its {@code counted} lists exactly the attestations on the proposal issued
 * at or before it (SPEC §1 order, duplicates refused), its {@code declaration} is the one in force
 * at it (or null when none is), the recount over the events at or before it, at its {@code issued},
 * yields its outcome, and that outcome can be decided then ({@code rejected} and {@code lapsed}
 * only at or after the deadline, window outcomes only at or after the window's close). That it is
 * signed by a {@code node} credential is admission's check (SPEC §2 step 6).
 */
public final class DecisionValidator {

  private DecisionValidator() {}

  /**
   * @param in the events held (the decision among them or not; {@code now} is not used)
   * @param decision the decision to check
   * @return the verdict, with the reason and the recount's status
   */
  public static DecisionVerdict validate(QuorumInputs in, DecisionRecord decision) {
    return Engine.of(in).check(decision);
  }

  /**
   * @param in the events held
   * @return a verdict for every decision held on the proposal, in SPEC §1 order
   */
  public static List<DecisionVerdict> validateAll(QuorumInputs in) {
    Engine e = Engine.of(in);
    return e.decisions.stream().map(e::check).toList();
  }
}
