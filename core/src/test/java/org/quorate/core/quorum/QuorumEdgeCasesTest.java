package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Single rules of SPEC §3 in isolation. */
class QuorumEdgeCasesTest {
  static final String AA = "approving-authority";

  static RosterSnapshot roster(String... ids) {
    return RosterSnapshot.of(
        0,
        java.util.Arrays.stream(ids)
            .map(i -> new RosterSnapshot.Member(i, i.equals("USA") ? 3 : 1, false, Set.of(AA)))
            .toList());
  }

  static AttestationRecord att(String id, String m, Verdict v, int minute, String supersedes) {
    return new AttestationRecord(
        id,
        "p1",
        m,
        m + "-c",
        AA,
        v,
        v == Verdict.DISSENT ? "why" : null,
        supersedes,
        Worlds.at(minute));
  }

  static QuorumInputs in(
      QuorumPolicy p,
      RosterSnapshot r,
      List<AttestationRecord> atts,
      List<RetractionRecord> rets,
      String subject) {
    return in(p, r, atts, rets, subject, ProposalRecord.SubjectRule.COUNTED);
  }

  static QuorumInputs in(
      QuorumPolicy p,
      RosterSnapshot r,
      List<AttestationRecord> atts,
      List<RetractionRecord> rets,
      String subject,
      ProposalRecord.SubjectRule rule) {
    return new QuorumInputs(
        new ProposalRecord("p1", p.name(), 0, Worlds.T0, subject, rule),
        p,
        r,
        atts,
        rets,
        List.of(),
        List.of(),
        Set.of(),
        Worlds.at(60));
  }

  @Test
  void governanceLeavesTheSuspendedOrWithdrawnMemberOutOfN() {
    RosterSnapshot r = roster("POL", "DEU", "FRA", "HUN");
    List<AttestationRecord> atts =
        List.of(
            att("a1", "POL", Verdict.CONCUR, 1, null),
            att("a2", "DEU", Verdict.CONCUR, 2, null),
            att("a3", "FRA", Verdict.CONCUR, 3, null),
            att("a4", "HUN", Verdict.DISSENT, 4, null));
    QuorumState s =
        QuorumEvaluator.evaluate(
            in(
                QuorumPolicy.governance(),
                r,
                atts,
                List.of(),
                "HUN",
                ProposalRecord.SubjectRule.EXCEPTED));
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(s.ineligible()).containsExactly("a4");
    QuorumState without =
        QuorumEvaluator.evaluate(in(QuorumPolicy.governance(), r, atts, List.of(), null));
    assertThat(without.status()).isEqualTo(QuorumStatus.REJECTED);
  }

  @Test
  void anAttestationIsSupersededAtMostOnce() {
    // a2 and a3 both name a1: the second is a fork, so a2 and a3 are both heads → equivocation.
    List<AttestationRecord> atts =
        List.of(
            att("a1", "POL", Verdict.CONCUR, 1, null),
            att("a2", "POL", Verdict.DISSENT, 2, "a1"),
            att("a3", "POL", Verdict.CONCUR, 3, "a1"));
    QuorumState s =
        QuorumEvaluator.evaluate(
            in(TestPolicies.simple("1/2", 0), roster("POL", "DEU", "FRA"), atts, List.of(), null));
    assertThat(s.equivocations()).containsExactly(new Equivocation("POL", AA, "a2", "a3"));
    assertThat(s.counts().concur()).isZero();
  }

  @Test
  void aSupersedesNamingALaterEventIsIgnored() {
    // a1 claims to supersede a2, issued after it: not a valid edge, two heads with different
    // verdicts.
    List<AttestationRecord> atts =
        List.of(
            att("a1", "POL", Verdict.CONCUR, 1, "a2"), att("a2", "POL", Verdict.DISSENT, 2, null));
    QuorumState s =
        QuorumEvaluator.evaluate(
            in(TestPolicies.simple("1/2", 0), roster("POL", "DEU", "FRA"), atts, List.of(), null));
    assertThat(s.equivocations()).extracting(Equivocation::member).containsExactly("POL");
  }

  @Test
  void onlyTheAttestingMemberCanRetract() {
    List<AttestationRecord> atts =
        List.of(
            att("a1", "POL", Verdict.CONCUR, 1, null), att("a2", "DEU", Verdict.CONCUR, 2, null));
    List<RetractionRecord> foreign = List.of(new RetractionRecord("r1", "FRA", "a1", Worlds.at(3)));
    List<RetractionRecord> own = List.of(new RetractionRecord("r1", "POL", "a1", Worlds.at(3)));
    QuorumPolicy p = TestPolicies.simple("2/3", 0);
    RosterSnapshot r = roster("POL", "DEU", "FRA");
    assertThat(QuorumEvaluator.evaluate(in(p, r, atts, foreign, null)).status())
        .isEqualTo(QuorumStatus.ADOPTED);
    QuorumState s = QuorumEvaluator.evaluate(in(p, r, atts, own, null));
    assertThat(s.status()).isEqualTo(QuorumStatus.OPEN);
    assertThat(s.missingVoters()).containsExactly("FRA", "POL");
  }

  @Test
  void weightThresholdCountsGenesisWeights() throws Exception {
    QuorumPolicy p =
        QuorumPolicy.fromJson(
            "{\"name\":\"w\",\"votingRole\":\"approving-authority\",\"threshold\":{\"fraction\":\"1/2\",\"of\":\"weight\"},\"deadline\":\"PT24H\"}");
    RosterSnapshot r = roster("USA", "POL", "DEU", "FRA"); // weights 3,1,1,1 → T = 3
    QuorumState usa =
        QuorumEvaluator.evaluate(
            in(p, r, List.of(att("a1", "USA", Verdict.CONCUR, 1, null)), List.of(), null));
    assertThat(usa.threshold()).isEqualTo(3);
    assertThat(usa.status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(usa.counts().concurWeight()).isEqualTo(3);
    QuorumState two =
        QuorumEvaluator.evaluate(
            in(
                p,
                r,
                List.of(
                    att("a1", "POL", Verdict.CONCUR, 1, null),
                    att("a2", "DEU", Verdict.CONCUR, 1, null)),
                List.of(),
                null));
    assertThat(two.status()).isEqualTo(QuorumStatus.OPEN);
  }

  @Test
  void byzantineFloorRaisesT() {
    // n = 4, f = 1, 1/2 → T = max(2, ⌈6/2⌉ = 3) = 3
    QuorumState s =
        QuorumEvaluator.evaluate(
            in(
                TestPolicies.simple("1/2", 1),
                roster("POL", "DEU", "FRA", "ITA"),
                List.of(),
                List.of(),
                null));
    assertThat(s.threshold()).isEqualTo(3);
  }

  @Test
  void tiesInIssuedAreBrokenByEventIdNotInputOrder() {
    // Same issued minute: the lower id is "before"; a decision at that minute with a higher id
    // counts both.
    Instant t = Worlds.at(5);
    AttestationRecord a =
        new AttestationRecord("sha256:aa", "p1", "POL", "c", AA, Verdict.CONCUR, null, null, t);
    DecisionRecord d =
        new DecisionRecord("sha256:bb", "p1", "adopted", List.of("sha256:aa"), null, t);
    DecisionRecord early =
        new DecisionRecord("sha256:a0", "p1", "adopted", List.of("sha256:aa"), null, t);
    QuorumInputs in =
        new QuorumInputs(
            new ProposalRecord("p1", "x", 0, Worlds.T0, null),
            TestPolicies.simple("1/2", 0),
            roster("POL", "DEU"),
            List.of(a),
            List.of(),
            List.of(),
            List.of(d, early),
            Set.of(),
            t);
    assertThat(DecisionValidator.validate(in, d).valid()).isTrue();
    assertThat(DecisionValidator.validate(in, early).reason()).contains("extra [sha256:aa]");
    DecisionRecord earlyEmpty =
        new DecisionRecord("sha256:a0", "p1", "adopted", List.of(), null, t);
    assertThat(DecisionValidator.validate(in, earlyEmpty).reason())
        .contains("recount yields open, decision says adopted");
  }

  @Test
  void conflictingRecordsUnderOneIdAreRefused() {
    List<AttestationRecord> atts =
        List.of(
            att("a1", "POL", Verdict.CONCUR, 1, null), att("a1", "POL", Verdict.DISSENT, 1, null));
    assertThatThrownBy(
            () ->
                QuorumEvaluator.evaluate(
                    in(TestPolicies.simple("1/2", 0), roster("POL", "DEU"), atts, List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share event id a1");
  }
}
