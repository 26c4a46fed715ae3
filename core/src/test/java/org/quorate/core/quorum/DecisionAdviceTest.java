package org.quorate.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.quorate.core.coordination.DecisionContent;

/**
 * Issue 10 item 9: under load the node built decisions whose {@code counted} listed attestations
 * issued in the decision's own second but sorting after it by event id (SPEC §1 order), which
 * recomputation refused ("extra […]"). The decision's id depends on its {@code counted}, so the
 * advice must pick an {@code issued} no held event shares: then what counts does not depend on the
 * id the decision gets.
 */
class DecisionAdviceTest {
  private static final Instant T = Worlds.T0.plus(Duration.ofMinutes(10));
  private static final String NODE = "sha256:" + "e".repeat(64);

  private static AttestationRecord vote(String hex, String member, Verdict v, Instant issued) {
    return new AttestationRecord(
        "sha256:" + hex.repeat(64),
        "p1",
        member,
        member + "-cred",
        Worlds.AA,
        v,
        null,
        null,
        issued);
  }

  /** Three members, two thirds of them; POL voted a minute ago, DEU and FRA in this second. */
  private static QuorumInputs underLoad() {
    return new QuorumInputs(
        new ProposalRecord("p1", "operational", 0, Worlds.T0, null),
        Worlds.operational("2/3", null),
        Worlds.threeMembers(),
        List.of(
            vote("1", "POL", Verdict.CONCUR, T.minusSeconds(60)),
            vote("f", "DEU", Verdict.CONCUR, T),
            vote("0", "FRA", Verdict.ABSTAIN, T)),
        List.of(),
        List.of(),
        List.of(),
        Set.of(),
        T);
  }

  @Example
  void decisionSignedInTheSecondOfLaterSortingAttestationsIsNotRefused() {
    QuorumInputs in = underLoad();
    DecisionAdvice advice = DecisionTrigger.advise(in).orElseThrow();

    DecisionContent signed = DecisionContent.build("M", "POL", NODE, 0, 1, null, advice);
    DecisionVerdict verdict = DecisionValidator.validate(in, signed.record());

    assertThat(verdict.valid()).as(verdict.reason()).isTrue();
    assertThat(advice.outcome()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(advice.counted()).hasSize(3);
    assertThat(signed.record().issued()).isAfter(T);
  }

  /** Advised in the very instant an attestation held is issued, any id the decision gets. */
  @Property(tries = 300)
  void advisedDecisionValidatesWhateverItsOwnEventId(
      @ForAll long world, @ForAll int pick, @ForAll("eventIds") String decisionId) {
    QuorumInputs held = Worlds.world(world);
    if (held.attestations().isEmpty()) {
      return;
    }
    Instant tie = held.attestations().get(Math.floorMod(pick, held.attestations().size())).issued();
    QuorumInputs in = held.at(tie);
    Optional<DecisionAdvice> advice = DecisionTrigger.advise(in);
    if (advice.isEmpty()) {
      return;
    }
    DecisionAdvice a = advice.get();
    DecisionRecord d =
        new DecisionRecord(
            decisionId, "p1", a.outcome().wire(), a.counted(), a.declaration(), a.issued());
    DecisionVerdict verdict = DecisionValidator.validate(in, d);
    assertThat(verdict.valid()).as(verdict.reason()).isTrue();
  }

  @Provide
  Arbitrary<String> eventIds() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h);
  }
}
