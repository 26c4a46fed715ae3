package org.quorate.core.quorum;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which decision a node holding a {@code node} credential should sign now (SPEC §3): when {@code
 * adopted}, {@code provisionally-adopted}, {@code ratified} or {@code overturned} is reached, when
 * the deadline passed on a proposal not adopted ({@code rejected} or {@code lapsed}), and when a
 * window closes. Nothing once a valid final decision is held, nothing for a provisional adoption
 * already decided, nothing while the byzantine bound is exceeded.
 *
 * <p>The advice counts the attestations issued at or before {@code now} and tells the node to sign
 * with {@code issued = now}. If a held attestation has exactly that {@code issued} and an event id
 * above the decision's, the decision would be invalid: the node should run {@link
 * DecisionValidator} on what it signed before publishing it (or wait a second and ask again).
 */
public final class DecisionTrigger {

  private DecisionTrigger() {}

  /**
   * @param in the events held and {@code now}
   * @return the decision to sign, or empty
   */
  public static Optional<DecisionAdvice> advise(QuorumInputs in) {
    Engine e = Engine.of(in);
    boolean provisionalHeld = false;
    for (DecisionRecord d : e.decisions) {
      DecisionVerdict v = e.check(d);
      if (v.valid() && v.recount().finalOutcome()) {
        return Optional.empty();
      }
      provisionalHeld |= v.valid();
    }
    Ordered cutoff = Engine.endOf(in.now());
    Engine.Result r = e.recount(in.now(), cutoff);
    if (!r.decidable || (r.status == QuorumStatus.PROVISIONALLY_ADOPTED && provisionalHeld)) {
      return Optional.empty();
    }
    List<String> counted = new ArrayList<>();
    for (AttestationRecord a : r.considered) {
      counted.add(a.eventId());
    }
    return Optional.of(
        new DecisionAdvice(
            e.proposal.id(),
            r.status,
            List.copyOf(counted),
            r.declaration == null ? null : r.declaration.eventId(),
            in.now(),
            r.rule));
  }
}
