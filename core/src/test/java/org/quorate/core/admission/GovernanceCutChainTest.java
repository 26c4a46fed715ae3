package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.GovernanceFixture.POL_NODE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.quorate.core.admission.GovernanceFixture.Signed;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Governance adopted on both sides of a cut (SPEC §3 "Governance", §4 partitions): the node of one
 * side decides proposal 1 (admit EST) at 240 s, the node of the other side, not knowing it, decides
 * proposal 2 (grant LTU a role) naming epoch 0 at 260 s and then signs its next event (seq 2)
 * naming epoch 1. By the epoch rule the earlier decision opens epoch 1; the later one is {@code
 * stale-epoch} everywhere. Its signer's next event must be admitted on every node, whether the node
 * admitted the stale decision before learning of the earlier one (the side that took it) or refused
 * it on arrival (the other side, after healing): otherwise the nodes never converge and that node's
 * chain stalls for good.
 */
class GovernanceCutChainTest {
  private static GovernanceFixture f;
  private static Map<String, Signed> events;
  private static Map<String, String> reference;

  /** The node of side B, whose decision 2 (seq 1) is stale. */
  private static Credential sideB;

  @BeforeContainer
  static void events() {
    f = new GovernanceFixture();
    Credential sideA = f.credential(POL_NODE);
    sideB = f.credential(POL_NODE);
    Map<String, Signed> e = new LinkedHashMap<>();
    // Side A: admit EST, decided at 240.
    GovernanceFixture.Concurred admit =
        f.concurred(f.proposal(f.admitEst(), "Admit Estonia", 60), 120, 130);
    admit.putInto(e, " 1");
    e.put("decision 1", f.decision(sideA, 0, admit.proposal(), admit.counted(), 240, 1, null));
    // Side B: grant LTU a role, decided at 260 by the other node, which then goes on at seq 2.
    GovernanceFixture.Concurred grant = f.concurred(f.grantLtuLegalAdvisor(), 150, 160);
    Signed d2 = f.decision(sideB, 0, grant.proposal(), grant.counted(), 260, 1, null);
    grant.putInto(e, " 2");
    e.put("decision 2", d2);
    e.put(
        "side B next",
        f.sign(
            sideB,
            "POL",
            1,
            "contribution",
            "{\"title\":\"after\",\"digest\":\"sha256:" + "11".repeat(32) + "\"}",
            300,
            2,
            d2.id()));
    events = e;
    reference = run(new ArrayList<>(e.keySet()));
  }

  private static Map<String, String> run(List<String> order) {
    GovernanceFixture.Run run = f.run(events, order);
    Map<String, String> out = new TreeMap<>(run.outcomes());
    EpochChain chain = run.ledger().epochsOf(GovernanceFixture.MISSION).orElseThrow();
    out.put("epochs", Integer.toString(chain.epochs().size()));
    out.put(
        "epoch 1 opened by",
        chain.epochs().size() > 1
            ? chain.epochs().get(1).opened().decision().equals(events.get("decision 1").id())
                ? "decision 1"
                : "other"
            : "none");
    return out;
  }

  @Example
  void theEarlierDecisionWinsAndTheLaterIsStale() {
    assertThat(reference.get("epochs")).isEqualTo("2");
    assertThat(reference.get("epoch 1 opened by")).isEqualTo("decision 1");
    assertThat(reference.get("decision 1")).isEqualTo("admitted");
    assertThat(reference.get("decision 2")).isEqualTo("rejected stale-epoch");
  }

  @Example
  void theSideThatTookTheLaterDecisionKeepsItsChain() {
    // The losing side's order: its own decision first, the winning side's events after healing.
    List<String> order =
        List.of(
            "proposal 2",
            "concur 2 POL",
            "concur 2 LTU",
            "decision 2",
            "side B next",
            "proposal 1",
            "concur 1 POL",
            "concur 1 LTU",
            "decision 1");
    Map<String, String> o = run(order);
    assertThat(o.get("side B next")).isEqualTo("admitted");
    assertThat(o).isEqualTo(reference);
  }

  @Example
  void aNodeThatRefusedTheStaleDecisionAdmitsItsSuccessor() {
    // The winning side's order: its own decision first; the stale one and its successor later.
    Map<String, String> o = run(new ArrayList<>(events.keySet()));
    assertThat(o.get("side B next"))
        .as("the successor of an event refused stale-epoch is not held for a chain gap")
        .isEqualTo("admitted");
    List<String> successorFirst = new ArrayList<>(events.keySet());
    successorFirst.remove("side B next");
    successorFirst.add(successorFirst.indexOf("decision 2"), "side B next");
    assertThat(run(successorFirst)).isEqualTo(reference);
  }

  @Example
  void theSignerOfTheStaleEventMaySignItsPositionAgainWithoutAFork() {
    // Told that decision 2 was refused, side B's node signs seq 1 again, naming epoch 1.
    Map<String, Signed> withAgain = new LinkedHashMap<>(events);
    withAgain.put(
        "side B seq 1 again",
        f.sign(
            sideB,
            "POL",
            1,
            "contribution",
            "{\"title\":\"again\",\"digest\":\"sha256:" + "22".repeat(32) + "\"}",
            310,
            1,
            null));
    Map<String, String> o = f.run(withAgain, new ArrayList<>(withAgain.keySet())).outcomes();
    assertThat(o.get("side B seq 1 again"))
        .as("an event refused stale-epoch holds its position for its successors, not for a fork")
        .isEqualTo("admitted");
    assertThat(o.get("decision 2")).isEqualTo("rejected stale-epoch");
    assertThat(o.get("side B next")).isEqualTo("admitted");
  }

  @Property(tries = 30)
  void everyArrivalOrderEndsAlike(@ForAll Random random) {
    List<String> order = new ArrayList<>(events.keySet());
    Collections.shuffle(order, random);
    assertThat(run(order)).isEqualTo(reference);
  }
}
