package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 12: the node's clock counts again only the proposals a time boundary reached ({@link
 * TimeBoundaries}). These tests show the selection never misses a change: until the next boundary
 * the state and the decision advised stay what they were, and at the boundary they may change.
 */
class TimeBoundariesTest {

  /** The state evaluated at t2 equals the one at t1 whenever no boundary lies in (t1, t2]. */
  @Property(tries = 600)
  void nothingChangesBeforeTheNextBoundary(
      @ForAll long world,
      @ForAll @IntRange(min = 0, max = 1200) int start,
      @ForAll @IntRange(min = 1, max = 2400) int later) {
    QuorumInputs held = Worlds.world(world);
    Instant t1 = Worlds.at(5L * start);
    QuorumState s1 = QuorumEvaluator.evaluate(held.at(t1));
    Optional<Instant> next = TimeBoundaries.next(held.at(t1), s1);
    Instant t2 = Worlds.at(5L * start + 5L * later);
    if (next.isPresent() && !t2.isBefore(next.get())) {
      t2 = next.get().minusMillis(1);
    }
    if (!t2.isAfter(t1)) {
      return;
    }
    assertThat(QuorumEvaluator.evaluate(held.at(t2))).isEqualTo(s1);
    assertThat(DecisionTrigger.advise(held.at(t2)).map(TimeBoundariesTest::withoutTime))
        .isEqualTo(DecisionTrigger.advise(held.at(t1)).map(TimeBoundariesTest::withoutTime));
  }

  /** Right at the next boundary, the next one (if any) is later still: the clock makes progress. */
  @Property(tries = 300)
  void boundariesMoveOn(@ForAll long world, @ForAll @IntRange(min = 0, max = 1200) int start) {
    QuorumInputs held = Worlds.world(world);
    Instant t1 = Worlds.at(5L * start);
    Optional<Instant> next =
        TimeBoundaries.next(held.at(t1), QuorumEvaluator.evaluate(held.at(t1)));
    if (next.isEmpty()) {
      return;
    }
    assertThat(next.get()).isAfter(t1);
    Instant t2 = next.get();
    Optional<Instant> after =
        TimeBoundaries.next(held.at(t2), QuorumEvaluator.evaluate(held.at(t2)));
    after.ifPresent(a -> assertThat(a).isAfter(t2));
  }

  @Example
  void anOpenProposalIsDueAtItsDeadlineThenNeverByTime() {
    QuorumInputs in = oneOfThree(List.of(), null);
    Instant deadline = Worlds.T0.plus(Duration.ofHours(24));

    QuorumState before = QuorumEvaluator.evaluate(in.at(Worlds.at(10)));
    assertThat(before.status()).isEqualTo(QuorumStatus.OPEN);
    assertThat(TimeBoundaries.next(in.at(Worlds.at(10)), before)).contains(deadline);
    assertThat(TimeBoundaries.nextMillis(in.at(Worlds.at(10)), before))
        .isEqualTo(deadline.toEpochMilli());

    QuorumState at = QuorumEvaluator.evaluate(in.at(deadline));
    assertThat(at.status()).isEqualTo(QuorumStatus.LAPSED);
    assertThat(at.isFinal()).isFalse();
    assertThat(TimeBoundaries.next(in.at(deadline), at)).isEmpty();
    assertThat(TimeBoundaries.nextMillis(in.at(deadline), at)).isEqualTo(Long.MAX_VALUE);
  }

  @Example
  void aProvisionalAdoptionIsDueAtItsWindowCloseBeyondTheDeadline() {
    // POL and DEU reachable and concurring, FRA unreachable: unanimity over R is met, over the full
    // roster it is not, so the window (48 h from the declaration, past the deadline) decides.
    QuorumDeclarationRecord decl =
        new QuorumDeclarationRecord(
            "sha256:q1", "p1", Set.of("POL", "DEU"), Set.of("FRA"), Worlds.at(30));
    QuorumInputs in =
        oneOfThree(
            List.of(
                vote("sha256:a1", "POL", Verdict.CONCUR, Worlds.at(5)),
                vote("sha256:a2", "DEU", Verdict.CONCUR, Worlds.at(6))),
            decl);
    Instant window = Worlds.at(30).plus(Duration.ofHours(48));
    Instant deadline = Worlds.T0.plus(Duration.ofHours(24));

    QuorumState provisional = QuorumEvaluator.evaluate(in.at(Worlds.at(60)));
    assertThat(provisional.status()).isEqualTo(QuorumStatus.PROVISIONALLY_ADOPTED);
    assertThat(TimeBoundaries.next(in.at(Worlds.at(60)), provisional)).contains(deadline);
    QuorumState pastDeadline = QuorumEvaluator.evaluate(in.at(deadline));
    assertThat(pastDeadline.status()).isEqualTo(QuorumStatus.PROVISIONALLY_ADOPTED);
    assertThat(TimeBoundaries.next(in.at(deadline), pastDeadline)).contains(window);
    QuorumState closed = QuorumEvaluator.evaluate(in.at(window));
    assertThat(closed.status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(closed.rule()).isEqualTo(QuorumRule.WINDOW_CLOSED_ADOPT);
    assertThat(TimeBoundaries.next(in.at(window), closed)).isEmpty();
  }

  @Example
  void aVoteHeldButIssuedAheadOfTheClockIsABoundary() {
    // Admission holds only events issued beyond its skew: one issued a minute ahead is admitted,
    // and the decision advised counts it only once the clock reaches its issued time.
    QuorumInputs in = allConcur(Worlds.at(11));
    QuorumInputs now = in.at(Worlds.at(10));
    QuorumState s = QuorumEvaluator.evaluate(now);
    assertThat(s.status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(DecisionTrigger.advise(now)).isEmpty();
    assertThat(TimeBoundaries.next(now, s)).contains(Worlds.at(11));
    assertThat(DecisionTrigger.advise(in.at(Worlds.at(11)))).isPresent();
  }

  @Example
  void aFinalStateIsNeverDueByTime() {
    QuorumInputs in = allConcur(Worlds.at(7));
    DecisionAdvice a = DecisionTrigger.advise(in.at(Worlds.at(8))).orElseThrow();
    QuorumInputs decided =
        Worlds.withDecision(
            in.at(Worlds.at(9)),
            new DecisionRecord(
                "sha256:d1", "p1", a.outcome().wire(), a.counted(), null, a.issued()));
    QuorumState s = QuorumEvaluator.evaluate(decided);
    assertThat(s.isFinal()).isTrue();
    assertThat(TimeBoundaries.next(decided, s)).isEmpty();
  }

  @Example
  void millisecondsRoundUp() {
    assertThat(TimeBoundaries.ceilMillis(Instant.parse("2026-11-29T08:00:00.000000001Z")))
        .isEqualTo(Instant.parse("2026-11-29T08:00:00.001Z").toEpochMilli());
    assertThat(TimeBoundaries.ceilMillis(Instant.parse("2026-11-29T08:00:00.002Z")))
        .isEqualTo(Instant.parse("2026-11-29T08:00:00.002Z").toEpochMilli());
  }

  /** The advice without its instant (which follows the evaluation time by construction). */
  private static List<Object> withoutTime(DecisionAdvice a) {
    return List.of(
        a.outcome(),
        a.counted(),
        String.valueOf(a.declaration()),
        a.rule() == null ? "" : a.rule());
  }

  private static AttestationRecord vote(String id, String member, Verdict v, Instant issued) {
    return new AttestationRecord(
        id, "p1", member, member + "-cred", Worlds.AA, v, null, null, issued);
  }

  /**
   * All three concur: POL at minute 5, DEU at minute 6, FRA when given (the only time the cases
   * using it differ in).
   */
  private static QuorumInputs allConcur(Instant fraIssued) {
    return oneOfThree(
        List.of(
            vote("sha256:a1", "POL", Verdict.CONCUR, Worlds.at(5)),
            vote("sha256:a2", "DEU", Verdict.CONCUR, Worlds.at(6)),
            vote("sha256:a3", "FRA", Verdict.CONCUR, fraIssued)),
        null);
  }

  /** POL, DEU, FRA; unanimity; a 3/5 partial policy with a 48 h window that adopts at its close. */
  private static QuorumInputs oneOfThree(
      List<AttestationRecord> votes, QuorumDeclarationRecord decl) {
    return new QuorumInputs(
        new ProposalRecord("p1", "operational", 0, Worlds.T0, null),
        Worlds.operational(
            "1/1",
            new QuorumPolicy.PartialPolicy(
                Fraction.parse("3/5"),
                Duration.ofHours(48),
                QuorumPolicy.WindowClose.ADOPT,
                false)),
        Worlds.threeMembers(),
        votes,
        List.of(),
        decl == null ? List.of() : List.of(decl),
        List.of(),
        Set.of(),
        Worlds.at(0));
  }
}
