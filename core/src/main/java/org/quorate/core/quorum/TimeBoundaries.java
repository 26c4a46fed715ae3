package org.quorate.core.quorum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When the passing of time alone can next change a proposal's evaluation (SPEC §3), so that a
 * node's clock counts again only the proposals a time boundary has reached, never every open
 * proposal.
 *
 * <p>Why this is exact: with no valid final decision held, {@link QuorumEvaluator} is the recount
 * of the events held at {@code now}, and {@code now} enters that recount at two comparisons only:
 * {@code now} at or after the proposal's deadline ({@code rejected} decidable, {@code lapsed}) and
 * {@code now} at or after the close of the ratification window of the declaration in force ({@code
 * onWindowClose}). The declaration in force, the votes counted and every other rule depend on the
 * events held, not on {@code now}. {@link DecisionTrigger} recounts the same way, over the events
 * issued at or before the instant it advises (at or after {@code now}): an event held but issued
 * after {@code now} (within the admission skew) enters the advice when {@code now} reaches its
 * {@code issued}. So between two evaluation times with none of these instants in {@code (t1, t2]},
 * the state (status, rule, finality, explanation) and the decision advised are the same. A state
 * backed by a valid final decision (or contested) never changes with time, and nothing is advised
 * for it.
 */
public final class TimeBoundaries {

  private TimeBoundaries() {}

  /**
   * The first instant after the evaluation time at which time alone can change an evaluation.
   *
   * @param in the events held and the evaluation time ({@link QuorumInputs#now()})
   * @param state the state {@link QuorumEvaluator} gives for {@code in}
   * @return the earliest, strictly after {@code in.now()}, of the deadline, the window's close and
   *     the {@code issued} of every event held on the proposal; empty when the state is final or
   *     all have passed (then only new events can change it)
   */
  public static Optional<Instant> next(QuorumInputs in, QuorumState state) {
    if (state.isFinal()) {
      return Optional.empty();
    }
    Instant at = in.now();
    List<Instant> candidates = new ArrayList<>();
    candidates.add(state.deadline());
    candidates.add(state.windowCloses());
    for (List<? extends Ordered> held :
        List.of(in.attestations(), in.retractions(), in.declarations(), in.decisions())) {
      for (Ordered o : held) {
        candidates.add(o.issued());
      }
    }
    Instant next = null;
    for (Instant b : candidates) {
      if (b != null && b.isAfter(at) && (next == null || b.isBefore(next))) {
        next = b;
      }
    }
    return Optional.ofNullable(next);
  }

  /**
   * {@link #next} as epoch milliseconds rounded up, for a clock that compares milliseconds: a clock
   * reading at or after it is at or after the boundary.
   *
   * @param in the events held and the evaluation time
   * @param state the state {@link QuorumEvaluator} gives for {@code in}
   * @return the boundary in epoch milliseconds, rounded up, or {@link Long#MAX_VALUE} for none
   */
  public static long nextMillis(QuorumInputs in, QuorumState state) {
    return next(in, state).map(TimeBoundaries::ceilMillis).orElse(Long.MAX_VALUE);
  }

  /**
   * @param t an instant
   * @return its epoch milliseconds, rounded up to the next millisecond when it has a fraction
   */
  static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }
}
