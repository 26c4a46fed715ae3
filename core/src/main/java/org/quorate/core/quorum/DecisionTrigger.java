package org.quorate.core.quorum;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which decision a node holding a {@code node} credential should sign now (SPEC §3): when {@code
 * adopted}, {@code provisionally-adopted}, {@code ratified} or {@code overturned} is reached, when
 * the deadline passed on a proposal not adopted ({@code rejected} or {@code lapsed}), and when a
 * window closes. Nothing once a valid final decision is held, nothing for a provisional adoption
 * already decided, nothing while the byzantine bound is exceeded.
 *
 * <p>The advice tells the node to sign with {@code issued} = {@code now} to the millisecond, moved
 * on by a millisecond while an event held on the proposal (attestation, retraction, declaration,
 * decision) is issued at exactly that instant, and counts the attestations issued before it. SPEC
 * §1 orders events of one {@code issued} by event id, and the decision's own id is known only once
 * its {@code counted} is fixed: with no held event at its instant, "issued at or before the
 * decision" does not depend on that id, so the advised decision is valid by construction ({@link
 * DecisionValidator} agrees whatever id it gets). Counting every attestation of the decision's
 * second instead (as before) made the node build decisions whose {@code counted} listed same-second
 * attestations sorting after them, refused by recomputation.
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
    Instant issued = freeInstant(e, in.now());
    Ordered cutoff = Engine.endOf(issued);
    Engine.Result r = e.recount(issued, cutoff);
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
            issued,
            r.rule));
  }

  /**
   * The first instant at or after {@code t} (to the millisecond) at which no event held on the
   * proposal is issued, so that SPEC §1 order places every held event strictly before or after a
   * decision issued then, whatever the decision's event id.
   */
  private static Instant freeInstant(Engine e, Instant t) {
    Set<Instant> taken = new HashSet<>();
    for (List<? extends Ordered> events : List.of(e.atts, e.rets, e.decls, e.decisions)) {
      for (Ordered o : events) {
        taken.add(o.issued());
      }
    }
    Instant at = t.truncatedTo(ChronoUnit.MILLIS);
    while (taken.contains(at)) {
      at = at.plusMillis(1);
    }
    return at;
  }
}
