package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;
import static org.quorate.core.admission.LedgerFixture.id;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.Ids;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * SPEC §2.8, idempotency: the very same bytes again are a replay (answered {@code duplicate} when
 * authentic, whatever the outcome, with one log entry and nothing else recorded, also after a
 * restart); copies of one event under other certificates for the same key are judged together, so
 * that the event takes the best outcome any copy earns whatever the arrival order.
 */
class LedgerIdempotencyTest {
  private static LedgerFixture f;
  private static Credential admin;

  @BeforeAll
  static void coalition() {
    f = new LedgerFixture();
    admin = f.polAuthority();
  }

  /** What the node log would append: input id and outcome, in order. */
  private static final class Log implements OutcomeListener {
    final List<String> entries = new ArrayList<>();

    @Override
    public void recorded(InputRecord record, Outcome outcome) {
      entries.add(record.inputId() + " " + outcome.code());
    }

    List<String> since(int size) {
      return List.copyOf(entries.subList(size, entries.size()));
    }
  }

  private static String entry(byte[] der, Outcome outcome) {
    return Ids.sha256Id(der) + " " + outcome.code();
  }

  private static InputRecord record(InMemoryLedgerStore store, byte[] der) {
    return store.byInputId(Ids.sha256Id(der)).orElseThrow();
  }

  /** A CRL contribution of POL revoking a certificate from T0 + 30 minutes. */
  private static byte[] crlRevoking(Credential revoked) {
    return TestPki.sign(
        LedgerFixture.crl(
            admin,
            "POL",
            1,
            null,
            TestPki.crl(f.polCa, revoked.certificate(), T0.plus(30, ChronoUnit.MINUTES)),
            50),
        admin);
  }

  /** A store holding the mission. */
  private static InMemoryLedgerStore loaded() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    store.load(f.mission);
    return store;
  }

  /** Two events of one signer at seq 1: a chain fork. */
  private static byte[][] fork(Credential c) {
    return new byte[][] {
      TestPki.sign(contribution(c, "POL", 1, null, "x", 1), c),
      TestPki.sign(contribution(c, "POL", 1, null, "y", 1), c)
    };
  }

  @Test
  void resentForkHalfIsDuplicateNotSecondEvidence() {
    InMemoryLedgerStore store = loaded();
    Log log = new Log();
    Ledger ledger = f.ledger(store, log);
    Credential c = f.polAuthority();
    byte[][] xy = fork(c);
    byte[] x = xy[0];
    byte[] y = xy[1];
    ledger.submit(x, "test");
    assertThat(ledger.submit(y, "test").answered()).isEqualTo(Outcome.EVIDENCE);
    int before = log.entries.size();

    Ledger.Submission again = ledger.submit(y, "test");
    Ledger.Submission thrice = ledger.submit(y, "test");

    assertThat(again.answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(thrice.answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(log.since(before))
        .containsExactly(entry(y, Outcome.DUPLICATE), entry(y, Outcome.DUPLICATE));
    assertThat(store.all()).hasSize(2);
    assertThat(record(store, y).outcome()).isEqualTo(Outcome.EVIDENCE);
    assertThat(record(store, y).replays()).isEqualTo(2);
    // A re-signed copy (other bytes, same event) was, and stays, duplicate too.
    byte[] resigned = TestPki.sign(contribution(c, "POL", 1, null, "y", 1), c);
    assertThat(ledger.submit(resigned, "test").answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(store.withOutcome(LedgerFixture.MISSION, Outcome.EVIDENCE)).hasSize(2);
  }

  @Test
  void resentForkHalfAfterRestartIsDuplicateNotSecondEvidence() {
    InMemoryLedgerStore store = loaded();
    byte[][] xy = fork(f.polAuthority());
    byte[] x = xy[0];
    Ledger first = f.ledger(store, new Log());
    first.submit(x, "test");
    first.submit(xy[1], "test");

    Log log = new Log();
    Ledger restarted = f.ledger(store, log);

    assertThat(restarted.submit(x, "test").answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(log.entries).containsExactly(entry(x, Outcome.DUPLICATE));
    assertThat(store.all()).hasSize(2);
    assertThat(record(store, x).outcome()).isEqualTo(Outcome.EVIDENCE);
  }

  @Test
  void resentVoidOrHeldInputIsDuplicateNotItsOutcomeAgain() {
    InMemoryLedgerStore store = loaded();
    Log log = new Log();
    Ledger ledger = f.ledger(store, log);
    Credential victim = f.polAuthority();
    ledger.submit(crlRevoking(victim), "test");
    byte[] voided = TestPki.sign(contribution(victim, "POL", 1, null, "after", 40), victim);
    assertThat(ledger.submit(voided, "test").answered()).isEqualTo(Outcome.VOID);
    Credential other = f.polAuthority();
    byte[] waiting =
        TestPki.sign(contribution(other, "POL", 2, id(new byte[] {2}), "wait", 10), other);
    assertThat(ledger.submit(waiting, "test").answered()).isEqualTo(Outcome.HELD);
    int before = log.entries.size();

    assertThat(ledger.submit(voided, "test").answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(ledger.submit(waiting, "test").answered()).isEqualTo(Outcome.DUPLICATE);

    assertThat(log.since(before))
        .containsExactly(entry(voided, Outcome.DUPLICATE), entry(waiting, Outcome.DUPLICATE));
    assertThat(record(store, voided).outcome()).isEqualTo(Outcome.VOID);
    assertThat(record(store, waiting).outcome()).isEqualTo(Outcome.HELD);
  }

  /**
   * One event signed once by a key with two certificates, in two copies; the CRL revokes the first
   * certificate only. Each instance has a ledger of its own.
   */
  private static final class Copies {
    final Credential revoked = f.polAuthority();
    final Credential reissued = TestPki.reissued(f.polCa, revoked);
    final byte[] crl = crlRevoking(revoked);
    final byte[] underRevoked =
        TestPki.sign(contribution(revoked, "POL", 1, null, "copied", 40), revoked);
    final byte[] underReissued = TestPki.withCertificate(underRevoked, reissued.certificate());
    final InMemoryLedgerStore store = new InMemoryLedgerStore();
    final Ledger ledger = f.ledger(store, true);

    Outcome submit(byte[] der) {
      return ledger.submit(der, "test").answered();
    }

    /** The outcomes of the copy under the revoked and the reissued certificate, in that order. */
    List<Outcome> copies() {
      return List.of(record(store, underRevoked).outcome(), record(store, underReissued).outcome());
    }
  }

  @Test
  void revokedCopyFirstDoesNotVoidTheEventItsOtherCopyAdmits() {
    Copies k = new Copies();
    assertThat(k.underReissued).isNotEqualTo(k.underRevoked);
    k.submit(k.crl);
    assertThat(k.submit(k.underRevoked)).isEqualTo(Outcome.VOID);

    assertThat(k.submit(k.underReissued)).isEqualTo(Outcome.ADMITTED);

    assertThat(k.copies()).containsExactly(Outcome.DUPLICATE, Outcome.ADMITTED);
    assertThat(record(k.store, k.underRevoked).eventId())
        .isEqualTo(record(k.store, k.underReissued).eventId());
  }

  @Test
  void revokedCopyAfterTheAdmittedCopyIsDuplicateNotVoid() {
    Copies k = new Copies();
    k.submit(k.crl);
    assertThat(k.submit(k.underReissued)).isEqualTo(Outcome.ADMITTED);

    assertThat(k.submit(k.underRevoked)).isEqualTo(Outcome.DUPLICATE);

    assertThat(k.copies()).containsExactly(Outcome.DUPLICATE, Outcome.ADMITTED);
  }

  @Test
  void laterCrlHandsTheEventToItsUnrevokedCopyNotVoid() {
    Copies k = new Copies();
    assertThat(k.submit(k.underRevoked)).isEqualTo(Outcome.ADMITTED);
    assertThat(k.submit(k.underReissued)).isEqualTo(Outcome.DUPLICATE);

    k.submit(k.crl);

    assertThat(k.copies()).containsExactly(Outcome.DUPLICATE, Outcome.ADMITTED);
  }

  @Test
  void thirdIdenticalCopyIsDuplicateAndRecordsNothingElse() {
    InMemoryLedgerStore store = loaded();
    Log log = new Log();
    Ledger ledger = f.ledger(store, log);
    Copies k = new Copies();
    for (byte[] der : List.of(k.crl, k.underRevoked, k.underReissued)) {
      ledger.submit(der, "test");
    }
    int before = log.entries.size();
    int records = store.all().size();

    assertThat(ledger.submit(k.underReissued, "test").answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(ledger.submit(k.underRevoked, "test").answered()).isEqualTo(Outcome.DUPLICATE);

    assertThat(log.since(before))
        .containsExactly(
            entry(k.underReissued, Outcome.DUPLICATE), entry(k.underRevoked, Outcome.DUPLICATE));
    assertThat(store.all()).hasSize(records);
    assertThat(record(store, k.underReissued).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  /**
   * Every arrival order of a chain predecessor, the two copies of its successor and the CRL ends
   * alike: the unrevoked copy admitted, the revoked one duplicate (held, released void, voided late
   * or arriving second alike).
   */
  @Test
  void copiesOfOneEventEndAlikeInEveryArrivalOrder() {
    Credential revoked = f.polAuthority();
    Credential reissued = TestPki.reissued(f.polCa, revoked);
    byte[] first = contribution(revoked, "POL", 1, null, "first", 5);
    byte[] second = TestPki.sign(contribution(revoked, "POL", 2, id(first), "second", 40), revoked);
    List<byte[]> inputs =
        List.of(
            TestPki.sign(first, revoked),
            second,
            TestPki.withCertificate(second, reissued.certificate()),
            crlRevoking(revoked));
    Map<String, String> expected = null;
    for (List<Integer> order : permutations(List.of(0, 1, 2, 3))) {
      InMemoryLedgerStore store = new InMemoryLedgerStore();
      Ledger ledger = f.ledger(store, true);
      for (int i : order) {
        ledger.submit(inputs.get(i), "test");
      }
      Map<String, String> outcomes = new TreeMap<>();
      for (int i = 0; i < inputs.size(); i++) {
        outcomes.put("input " + i, record(store, inputs.get(i)).outcome().code());
      }
      if (expected == null) {
        expected = outcomes;
        assertThat(expected)
            .containsEntry("input 0", "admitted")
            .containsEntry("input 1", "duplicate")
            .containsEntry("input 2", "admitted")
            .containsEntry("input 3", "admitted");
      }
      assertThat(outcomes).as("arrival order %s", order).isEqualTo(expected);
    }
  }

  private static List<List<Integer>> permutations(List<Integer> items) {
    if (items.isEmpty()) {
      return List.of(List.of());
    }
    List<List<Integer>> out = new ArrayList<>();
    for (Integer head : items) {
      List<Integer> rest = new ArrayList<>(items);
      rest.remove(head);
      for (List<Integer> tail : permutations(rest)) {
        List<Integer> p = new ArrayList<>();
        p.add(head);
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }
}
