package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties of SPEC §3 counting over random worlds ({@link Worlds}). */
class QuorumPropertiesTest {

  @Property(tries = 400)
  void stateIsTheSameForEveryPermutation(@ForAll long world, @ForAll long order) {
    QuorumInputs in = Worlds.world(world);
    Random rnd = new Random(order);
    QuorumInputs perm =
        new QuorumInputs(
            in.proposal(),
            in.policy(),
            in.roster(),
            Worlds.shuffled(in.attestations(), rnd),
            Worlds.shuffled(in.retractions(), rnd),
            Worlds.shuffled(in.declarations(), rnd),
            Worlds.shuffled(in.decisions(), rnd),
            in.byzantineMembers(),
            in.now());
    assertThat(QuorumEvaluator.evaluate(perm)).isEqualTo(QuorumEvaluator.evaluate(in));
    assertThat(DecisionTrigger.advise(perm)).isEqualTo(DecisionTrigger.advise(in));
  }

  @Property(tries = 300)
  void duplicateInputsChangeNothing(@ForAll long world, @ForAll long dup) {
    QuorumInputs in = Worlds.world(world);
    Random rnd = new Random(dup);
    QuorumInputs doubled =
        new QuorumInputs(
            in.proposal(),
            in.policy(),
            in.roster(),
            withDuplicates(in.attestations(), rnd),
            withDuplicates(in.retractions(), rnd),
            withDuplicates(in.declarations(), rnd),
            withDuplicates(in.decisions(), rnd),
            in.byzantineMembers(),
            in.now());
    assertThat(QuorumEvaluator.evaluate(doubled)).isEqualTo(QuorumEvaluator.evaluate(in));
  }

  @Property(tries = 400)
  void anEquivocatorNeverTipsAnOutcome(@ForAll long world, @ForAll int pick) {
    QuorumInputs base = Worlds.world(world);
    List<RosterSnapshot.Member> active = base.roster().active();
    RosterSnapshot.Member em = active.get(Math.floorMod(pick, active.size()));
    String e = em.id();
    // An equivocator counts for nobody in any role: its honest twin abstains in every role it
    // holds (a cast vote that is no concur and no dissent).
    List<AttestationRecord> others = new ArrayList<>();
    for (AttestationRecord a : base.attestations()) {
      if (!a.member().equals(e)) {
        others.add(a);
      }
    }
    List<AttestationRecord> abstaining = new ArrayList<>(others);
    List<AttestationRecord> equivocating = new ArrayList<>(others);
    for (String role : em.roles()) {
      abstaining.add(vote("sha256:e0-" + role, e, role, Verdict.ABSTAIN));
      if (!role.equals(Worlds.AA)) {
        equivocating.add(vote("sha256:e0-" + role, e, role, Verdict.ABSTAIN));
      }
    }
    equivocating.add(vote("sha256:e1", e, Worlds.AA, Verdict.CONCUR));
    equivocating.add(vote("sha256:e2", e, Worlds.AA, Verdict.DISSENT));
    QuorumState honest = QuorumEvaluator.evaluate(with(base, abstaining));
    QuorumState twoFaced = QuorumEvaluator.evaluate(with(base, equivocating));
    assertThat(twoFaced.equivocations()).extracting(Equivocation::member).contains(e);
    if (twoFaced.byzantineBoundExceeded()) {
      assertThat(twoFaced.status()).isEqualTo(QuorumStatus.OPEN);
      assertThat(twoFaced.rule()).isEqualTo(QuorumRule.BYZANTINE_BOUND_EXCEEDED);
    } else {
      assertThat(twoFaced.status()).as(honest + "\n" + twoFaced).isEqualTo(honest.status());
      assertThat(twoFaced.counts().concur()).isEqualTo(honest.counts().concur());
      assertThat(twoFaced.counts().dissent()).isEqualTo(honest.counts().dissent());
    }
  }

  @Property(tries = 300)
  void aMemberWithSeveralCredentialsIsCountedOnce(@ForAll long world, @ForAll int pick) {
    QuorumInputs base = Worlds.world(world);
    List<RosterSnapshot.Member> active = base.roster().active();
    String m = active.get(Math.floorMod(pick, active.size())).id();
    List<AttestationRecord> others = new ArrayList<>();
    for (AttestationRecord a : base.attestations()) {
      if (!a.member().equals(m)) {
        others.add(a);
      }
    }
    List<AttestationRecord> once = new ArrayList<>(others);
    once.add(vote("sha256:m1", m, Verdict.CONCUR));
    List<AttestationRecord> twice = new ArrayList<>(once);
    twice.add(
        new AttestationRecord(
            "sha256:m2",
            "p1",
            m,
            m + "-second-credential",
            Worlds.AA,
            Verdict.CONCUR,
            null,
            null,
            Worlds.at(2)));
    QuorumState one = QuorumEvaluator.evaluate(with(base, once));
    QuorumState two = QuorumEvaluator.evaluate(with(base, twice));
    assertThat(two.status()).isEqualTo(one.status());
    assertThat(two.counts()).isEqualTo(one.counts());
    assertThat(two.equivocations()).isEqualTo(one.equivocations());
    QuorumState.Counts c = two.counts();
    assertThat(c.concur() + c.dissent() + c.abstain()).isLessThanOrEqualTo(two.n());
  }

  @Property(tries = 400)
  void everyAdvisedDecisionValidatesAndMakesTheStateFinal(@ForAll long world) {
    QuorumInputs in = Worlds.world(world);
    Optional<DecisionAdvice> advice = DecisionTrigger.advise(in);
    if (advice.isEmpty()) {
      return;
    }
    DecisionAdvice a = advice.get();
    DecisionRecord d =
        new DecisionRecord(
            "sha256:zzzz", "p1", a.outcome().wire(), a.counted(), a.declaration(), a.issued());
    assertThat(DecisionValidator.validate(in, d).valid()).isTrue();
    QuorumState st = QuorumEvaluator.evaluate(Worlds.withDecision(in, d));
    if (a.outcome().finalOutcome()) {
      assertThat(st.isFinal()).isTrue();
      assertThat(st.status()).isIn(a.outcome(), QuorumStatus.CONTESTED);
    }
  }

  private static AttestationRecord vote(String id, String member, Verdict v) {
    return vote(id, member, Worlds.AA, v);
  }

  private static AttestationRecord vote(String id, String member, String role, Verdict v) {
    return new AttestationRecord(
        id,
        "p1",
        member,
        member + "-cred",
        role,
        v,
        v == Verdict.DISSENT ? "two-faced" : null,
        null,
        Worlds.at(1));
  }

  private static QuorumInputs with(QuorumInputs in, List<AttestationRecord> atts) {
    return new QuorumInputs(
        in.proposal(),
        in.policy(),
        in.roster(),
        atts,
        in.retractions(),
        in.declarations(),
        List.of(),
        in.byzantineMembers(),
        in.now());
  }

  private static <T> List<T> withDuplicates(List<T> in, Random rnd) {
    List<T> out = new ArrayList<>(in);
    for (T t : in) {
      if (rnd.nextBoolean()) {
        out.add(rnd.nextInt(out.size() + 1), t);
      }
    }
    return out;
  }
}
