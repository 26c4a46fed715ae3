package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.quorate.core.admission.InMemoryLedgerStore;
import org.quorate.core.admission.InputRecord;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.Outcome;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.DecisionContent;
import org.quorate.core.coordination.ProposalEvaluation;
import org.quorate.core.log.StateDigest;
import org.quorate.core.quorum.DecisionAdvice;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Issue 12: the ingest writer admits a group of inputs in one transaction and counts each proposal
 * the group touched once, after the group, where it used to count after each input. Many
 * attestations on one proposal (the shape of {@code quorate load --attestations}: credentials
 * concurring again and again, each superseding its previous vote, one short of the quorum, until
 * the last one completes it) are admitted one by one, counted after each, the node deciding as soon
 * as a decision is advised; and the same inputs, in random groups and any order within and across
 * groups (successors before predecessors are held, then released), counted once per group, the node
 * deciding after the group that advised it (as it does after the group's commit). Both end with the
 * same outcome per input, the same state digest (SPEC §5), the same quorum state and the same
 * decision event. Within a group, counting after each input and counting once after the group give
 * the same state and the same advice: nothing the group records depends on an intermediate count.
 */
class GroupedCountTest {
  /** The second role every official holds; the policy needs 2/3 of the members and one of it. */
  private static final String LEGAL = "legal-advisor";

  /** When the node counts: after every event, before the deadline. */
  private static Instant at;

  private static AuditScenario s;
  private static String proposal;

  /** The inputs before the attestations (endorsements, the proposal), in admission order. */
  private static List<byte[]> prefix;

  /** The attestations in chain order, the one completing the quorum last. */
  private static List<byte[]> attestations;

  /** The reference: admitted one by one in chain order, counted after each. */
  private static Reference reference;

  private record Reference(
      Map<String, String> outcomes, String digest, ProposalEvaluation last, String decision) {}

  @BeforeContainer
  static void oneByOne() {
    List<String> ids = List.of("POL", "LTU", "LVA", "EST", "FIN", "SWE");
    s =
        new AuditScenario(
            ids,
            List.of(AuditScenario.VOTING, LEGAL),
            AuditScenario.policy(AuditScenario.VOTING, "2/3", LEGAL));
    s.endorseAll(1);
    proposal = s.propose("POL", "Open corridor C", 10);
    prefix = new ArrayList<>();
    for (InputRecord r : s.store.all()) {
      prefix.add(s.store.bytes(r.inputId()));
    }
    at = s.t0.plus(2, ChronoUnit.HOURS);
    // LTU, LVA and EST concur as approving authorities, FIN dissents; LTU..SWE concur as legal
    // advisors; each again and again, superseding its own previous vote in that role. T = 4 of 6.
    attestations = new ArrayList<>();
    Map<String, String> last = new LinkedHashMap<>();
    int k = 0;
    for (int round = 0; round < 6; round++) {
      for (String m : List.of("LTU", "LVA", "EST", "FIN", "SWE")) {
        if (!m.equals("SWE")) {
          String verdict = m.equals("FIN") ? "dissent" : "concur";
          attestations.add(attest(m, AuditScenario.VOTING, verdict, last, k++));
        }
        attestations.add(attest(m, LEGAL, "concur", last, k++));
      }
    }
    // FIN changes its vote: the fourth concur completes the quorum.
    attestations.add(attest("FIN", AuditScenario.VOTING, "concur", last, k));

    Ledger ledger = s.ledger;
    String decision = null;
    ProposalEvaluation ev = null;
    for (byte[] a : attestations) {
      assertThat(ledger.submit(a, "test").record().outcome()).isEqualTo(Outcome.ADMITTED);
      ev = s.evaluate(proposal, at);
      if (ev.advice().isPresent()) {
        assertThat(decision).as("one decision only, after the last attestation").isNull();
        assertThat(a).isSameAs(attestations.get(attestations.size() - 1));
        decision = AuditScenario.id(signed(ev.advice().get()));
        assertThat(s.decide(ev.advice().get())).isEqualTo(decision);
      }
    }
    assertThat(decision).as("the node decided").isNotNull();
    reference =
        new Reference(outcomes(s.store), digest(s.store), s.evaluate(proposal, at), decision);
    assertThat(reference.last().state().status()).isEqualTo(QuorumStatus.ADOPTED);
    assertThat(reference.last().state().isFinal()).isTrue();
    assertThat(reference.last().state().decision()).isEqualTo(decision);
  }

  /** The next attestation of a member's chain, superseding its previous one in that role. */
  private static byte[] attest(
      String member, String role, String verdict, Map<String, String> last, int k) {
    Credential c = s.officials.get(member);
    byte[] content =
        s.content(
            c,
            member,
            "attestation",
            AuditScenario.attestationBody(
                role,
                verdict,
                verdict.equals("dissent") ? member + " objects." : null,
                last.get(member + "/" + role),
                proposal),
            s.t0.plus(11, ChronoUnit.MINUTES).plusSeconds(k));
    last.put(member + "/" + role, Ids.sha256Id(content));
    return TestPki.sign(content, c);
  }

  /** The node's decision of an advice, as {@link AuditScenario#decide} signs its first one. */
  private static byte[] signed(DecisionAdvice advice) {
    DecisionContent c =
        DecisionContent.build(
            AuditScenario.MISSION,
            s.members.get(0),
            Ids.spkiHash(s.node.certificate()),
            0,
            1,
            null,
            advice);
    return TestPki.sign(c.content(), s.node);
  }

  @Property(tries = 12)
  void countingOncePerGroupEndsAsCountingAfterEachInput(@ForAll long seed) {
    Random random = new Random(seed);
    List<byte[]> shuffled = new ArrayList<>(attestations.subList(0, attestations.size() - 1));
    java.util.Collections.shuffle(shuffled, random);
    // The last group holds the attestation completing the quorum (as the load generator sends it,
    // once every other attestation was answered); the others fall in groups of 1 to 40.
    List<List<byte[]>> groups = new ArrayList<>();
    int i = 0;
    while (i < shuffled.size()) {
      int size = 1 + random.nextInt(40);
      groups.add(new ArrayList<>(shuffled.subList(i, Math.min(shuffled.size(), i + size))));
      i += size;
    }
    if (groups.isEmpty() || random.nextBoolean()) {
      groups.add(new ArrayList<>());
    }
    groups.get(groups.size() - 1).add(attestations.get(attestations.size() - 1));

    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = s.ledgerOver(store);
    for (byte[] p : prefix) {
      assertThat(ledger.submit(p, "test").record().outcome()).isEqualTo(Outcome.ADMITTED);
    }
    String decision = null;
    for (List<byte[]> group : groups) {
      // As GroupRecorder orders a group: by signer, then seq; otherwise as it came.
      List<byte[]> ordered = new ArrayList<>(group);
      ordered.sort(
          Comparator.comparing(GroupedCountTest::signerOf)
              .thenComparingLong(GroupedCountTest::seqOf));
      ProposalEvaluation perInput = null;
      for (byte[] a : ordered) {
        ledger.submit(a, "test");
        // What the writer counted after each input before issue 12.
        perInput = s.evaluate(store, ledger, proposal, at);
      }
      // What it counts now: once, after the group.
      ProposalEvaluation once = s.evaluate(store, ledger, proposal, at);
      assertThat(once.state()).isEqualTo(perInput.state());
      assertThat(once.status()).isEqualTo(perInput.status());
      assertThat(once.advice()).isEqualTo(perInput.advice());
      assertThat(once.clockDueMillis()).isEqualTo(perInput.clockDueMillis());
      // After the group committed, the node signs what the count advises.
      Optional<DecisionAdvice> advice = once.advice();
      if (advice.isPresent()) {
        assertThat(decision).as("one decision only").isNull();
        byte[] d = signed(advice.get());
        decision = AuditScenario.id(d);
        assertThat(ledger.submit(d, "node").record().outcome()).isEqualTo(Outcome.ADMITTED);
      }
    }

    assertThat(decision).isEqualTo(reference.decision());
    assertThat(outcomes(store)).isEqualTo(reference.outcomes());
    assertThat(digest(store)).isEqualTo(reference.digest());
    ProposalEvaluation last = s.evaluate(store, ledger, proposal, at);
    assertThat(last.state()).isEqualTo(reference.last().state());
    assertThat(last.state().counts().concur()).isEqualTo(4);
    assertThat(last.advice()).isEmpty();
  }

  private static String signerOf(byte[] der) {
    return eventOf(der).signer();
  }

  private static long seqOf(byte[] der) {
    return eventOf(der).seq();
  }

  private static org.quorate.core.event.Event eventOf(byte[] der) {
    try {
      return new org.quorate.core.event.EventParser().parse(SignedFiles.content(der));
    } catch (org.quorate.core.reason.AdmissionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each event's outcome (the outcome of its best input), by event id. */
  private static Map<String, String> outcomes(InMemoryLedgerStore store) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (InputRecord r : store.all()) {
      if (r.eventId() != null && r.outcome() != Outcome.DUPLICATE) {
        out.put(
            r.eventId(), r.outcome().code() + (r.reasonCode() == null ? "" : " " + r.reasonCode()));
      }
    }
    return out;
  }

  /** The state digest (SPEC §5) of what a store holds, hex. */
  private static String digest(InMemoryLedgerStore store) {
    TreeSet<String> ids = new TreeSet<>();
    for (InputRecord r : store.all()) {
      if (r.eventId() != null
          && (r.outcome() == Outcome.ADMITTED
              || r.outcome() == Outcome.EVIDENCE
              || r.outcome() == Outcome.VOID)) {
        ids.add(r.eventId());
      }
    }
    List<byte[]> bytes = new ArrayList<>();
    for (String id : ids) {
      bytes.add(HexFormat.of().parseHex(id.substring("sha256:".length())));
    }
    return HexFormat.of().formatHex(StateDigest.of(bytes));
  }
}
