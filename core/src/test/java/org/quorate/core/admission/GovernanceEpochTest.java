package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.GovernanceFixture.EST_AUTHORITY;
import static org.quorate.core.admission.GovernanceFixture.LTU_AUTHORITY;
import static org.quorate.core.admission.GovernanceFixture.POL_AUTHORITY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.quorate.core.admission.GovernanceFixture.Signed;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.mission.Member;

/**
 * Roster epochs from governance (SPEC §1 governance actions, §2 stage 4, §3 "Governance"): a
 * unanimous governance admission of EST opens epoch 1; EST's event naming epoch 1 sent before the
 * decision is held, then admitted; events naming epoch 0 issued after the decision are {@code
 * stale-epoch}; a second governance decision of epoch 0 is not applied; and every arrival order of
 * the same events ends in the same outcomes and the same epochs.
 */
class GovernanceEpochTest {
  private static GovernanceFixture f;

  /** Name → signed event, in a causal order (the reference order). */
  private static Map<String, Signed> events;

  private static Reference reference;

  record Reference(Map<String, String> outcomes, String epochs) {}

  @BeforeContainer
  static void events() {
    f = new GovernanceFixture();
    Map<String, Signed> e = new LinkedHashMap<>();
    GovernanceFixture.Concurred admit =
        f.concurred(f.proposal(f.admitEst(), "Admit Estonia", 60), 120, 180);
    admit.putInto(e, "");
    // A second governance proposal of epoch 0, also adopted unanimously.
    GovernanceFixture.Concurred grant = f.concurred(f.grantLtuLegalAdvisor(), 150, 160);
    grant.putInto(e, " 2");
    e.put("LTU epoch 0 before", f.contribution(LTU_AUTHORITY, "LTU", 0, "before", 210));
    e.put("decision", f.decision(0, admit.proposal(), admit.counted(), 240));
    // Decisions on proposal 2 after the first: one naming epoch 0 (stale), one naming epoch 1.
    e.put("decision 2 stale", f.decision(0, grant.proposal(), grant.counted(), 260));
    e.put("decision 2", f.decision(1, grant.proposal(), grant.counted(), 270));
    e.put("EST epoch 1", f.contribution(EST_AUTHORITY, "EST", 1, "hello", 300));
    e.put("LTU epoch 0 after", f.contribution(LTU_AUTHORITY, "LTU", 0, "after", 360));
    e.put("EST epoch 0", f.contribution(EST_AUTHORITY, "EST", 0, "too early", 200));
    e.put("LTU epoch 1", f.contribution(LTU_AUTHORITY, "LTU", 1, "in epoch 1", 380));
    e.put("POL epoch 2", f.contribution(POL_AUTHORITY, "POL", 2, "epoch 2", 390));
    events = e;
    reference = run(new ArrayList<>(e.keySet()));
  }

  private static Reference run(List<String> order) {
    GovernanceFixture.Run run = f.run(events, order);
    EpochChain chain = run.ledger().epochsOf(GovernanceFixture.MISSION).orElseThrow();
    StringBuilder epochs = new StringBuilder();
    for (var r : chain.epochs()) {
      epochs
          .append(r.epoch())
          .append(r.members().stream().map(Member::id).toList())
          .append(r.opened() == null ? "" : " by " + name(r.opened().decision()))
          .append("; ");
    }
    for (EpochChain.GovernanceDecision g : chain.decisions()) {
      epochs
          .append(name(g.decision()))
          .append(g.applied() ? " opened " + g.opened() : " not applied")
          .append("; ");
    }
    return new Reference(run.outcomes(), epochs.toString());
  }

  private static String name(String eventId) {
    return events.entrySet().stream()
        .filter(e -> e.getValue().id().equals(eventId))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(eventId);
  }

  @Example
  void aUnanimousGovernanceAdmissionOpensEpochOne() {
    assertThat(reference.epochs())
        .isEqualTo(
            "0[POL, LTU]; 1[POL, LTU, EST] by decision; decision opened 1; decision 2 not"
                + " applied; ");
    Map<String, String> o = reference.outcomes();
    assertThat(o.get("decision")).isEqualTo("admitted");
    assertThat(o.get("EST epoch 1")).isEqualTo("admitted");
    assertThat(o.get("LTU epoch 1")).isEqualTo("admitted");
    assertThat(o.get("decision 2")).isEqualTo("admitted");
  }

  @Example
  void anEventNamingTheClosedEpochIssuedAfterTheDecisionIsStale() {
    Map<String, String> o = reference.outcomes();
    assertThat(o.get("LTU epoch 0 before")).isEqualTo("admitted");
    assertThat(o.get("LTU epoch 0 after")).isEqualTo("rejected stale-epoch");
    assertThat(o.get("decision 2 stale")).isEqualTo("rejected stale-epoch");
    assertThat(o.get("EST epoch 0")).isEqualTo("rejected anchor-not-member");
    assertThat(o.get("POL epoch 2")).isEqualTo("held unknown-epoch");
  }

  @Example
  void anEventOfTheNewMemberSentBeforeTheDecisionIsHeldThenAdmitted() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store);
    Ledger.Submission early = ledger.submit(events.get("EST epoch 1").der(), "test");
    assertThat(early.record().outcome()).isEqualTo(Outcome.HELD);
    assertThat(early.record().waitingOn()).isEqualTo("epoch:" + GovernanceFixture.MISSION + ":1");
    for (String n : List.of("proposal", "concur POL", "concur LTU")) {
      ledger.submit(events.get(n).der(), "test");
    }
    assertThat(early.record().outcome()).isEqualTo(Outcome.HELD);
    ledger.submit(events.get("decision").der(), "test");
    assertThat(early.record().outcome()).isEqualTo(Outcome.ADMITTED);
  }

  @Example
  void aDecisionNotBackedByTheVotesOpensNoEpoch() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store);
    Signed p = events.get("proposal");
    Signed aPol = events.get("concur POL");
    ledger.submit(p.der(), "test");
    ledger.submit(aPol.der(), "test");
    // LTU has not concurred: unanimity is not met, the node's decision is invalid.
    Signed bogus = f.decision(0, p, List.of(aPol), 200);
    assertThat(ledger.submit(bogus.der(), "test").record().outcome()).isEqualTo(Outcome.ADMITTED);
    EpochChain chain = ledger.epochsOf(GovernanceFixture.MISSION).orElseThrow();
    assertThat(chain.epochs()).hasSize(1);
    assertThat(chain.decisions())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.applied()).isFalse();
              assertThat(g.reason()).startsWith("the decision is not valid");
            });
    assertThat(ledger.submit(events.get("EST epoch 1").der(), "test").record().outcome())
        .isEqualTo(Outcome.HELD);
  }

  @Property(tries = 40)
  void everyArrivalOrderEndsInTheSameOutcomesAndEpochs(@ForAll Random random) {
    List<String> order = new ArrayList<>(events.keySet());
    Collections.shuffle(order, random);
    assertThat(run(order)).isEqualTo(reference);
  }

  @Example
  void theLaterDecisionArrivingFirstIsReplacedByTheEarlierOne() {
    List<String> order = new ArrayList<>(events.keySet());
    order.remove("decision");
    order.add("decision");
    assertThat(run(order)).isEqualTo(reference);
  }
}
