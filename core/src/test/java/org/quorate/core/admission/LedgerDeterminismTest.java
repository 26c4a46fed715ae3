package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;
import static org.quorate.core.admission.LedgerFixture.id;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * SPEC's principle: the same set of inputs, in any arrival order, ends in the same outcomes per
 * event. The set holds a chain, a fork (and a successor of one branch), a gap never filled, a
 * duplicate signature of one event, two copies of one event under two certificates of one key (one
 * revoked), a CRL arriving late or early, and a forged input.
 */
class LedgerDeterminismTest {
  private static LedgerFixture f;
  private static List<byte[]> inputs;
  private static Map<String, List<String>> reference;

  @BeforeContainer
  static void inputs() {
    f = new LedgerFixture();
    List<byte[]> in = new ArrayList<>();
    Credential a = f.polAuthority();
    byte[] a1 = contribution(a, "POL", 1, null, "a1", 1);
    byte[] a2 = contribution(a, "POL", 2, id(a1), "a2", 2);
    byte[] a3 = contribution(a, "POL", 3, id(a2), "a3", 3);
    in.add(TestPki.sign(a1, a));
    in.add(TestPki.sign(a1, a)); // the same event signed again: a second input
    in.add(TestPki.sign(a2, a));
    in.add(TestPki.sign(a3, a));
    Credential b = f.polAuthority();
    byte[] bx = contribution(b, "POL", 1, null, "bx", 1);
    in.add(TestPki.sign(bx, b));
    in.add(TestPki.sign(contribution(b, "POL", 1, null, "by", 1), b));
    in.add(TestPki.sign(contribution(b, "POL", 2, id(bx), "b2", 2), b));
    Credential c = f.polAuthority();
    in.add(TestPki.sign(contribution(c, "POL", 2, id(new byte[] {7}), "c2", 2), c));
    Credential v = f.polAuthority();
    byte[] v1 = contribution(v, "POL", 1, null, "v1", 10);
    in.add(TestPki.sign(v1, v));
    in.add(TestPki.sign(contribution(v, "POL", 2, id(v1), "v2", 40), v));
    // One event signed once, in two copies carrying two certificates of one key; the CRL revokes
    // the first certificate only (SPEC §2.8: the unrevoked copy is admitted, in every order).
    Credential k = f.polAuthority();
    byte[] k1 = contribution(k, "POL", 1, null, "k1", 5);
    byte[] k2 = TestPki.sign(contribution(k, "POL", 2, id(k1), "k2", 40), k);
    in.add(TestPki.sign(k1, k));
    in.add(k2);
    in.add(TestPki.withCertificate(k2, TestPki.reissued(f.polCa, k).certificate()));
    Credential admin = f.polAuthority();
    in.add(
        TestPki.sign(
            LedgerFixture.crl(
                admin,
                "POL",
                1,
                null,
                TestPki.crlAt(
                    f.polCa,
                    java.time.Instant.now(),
                    T0.plus(30, ChronoUnit.MINUTES),
                    v.certificate(),
                    k.certificate()),
                50),
            admin));
    byte[] forged = TestPki.sign(contribution(a, "POL", 4, id(a3), "a4", 4), a);
    forged[forged.length / 2] ^= 0x40;
    in.add(forged);
    inputs = in;
    reference = outcomes(inputs);
  }

  /** Per event id (or input id when not authentic): the sorted outcomes of its inputs. */
  private static Map<String, List<String>> outcomes(List<byte[]> order) {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, true);
    for (byte[] der : order) {
      ledger.submit(der, "test");
    }
    Map<String, List<String>> out = new TreeMap<>();
    for (InputRecord r : store.all()) {
      String key = r.eventId() != null ? r.eventId() : r.inputId();
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(r.outcome().code());
    }
    out.values().forEach(Collections::sort);
    return out;
  }

  @Property(tries = 60)
  void everyArrivalOrderEndsInTheSameOutcomes(@ForAll Random random) {
    List<byte[]> order = new ArrayList<>(inputs);
    Collections.shuffle(order, random);
    assertThat(outcomes(order)).isEqualTo(reference);
  }

  @Property(tries = 1)
  void theReferenceCoversEveryKindOfOutcome() {
    List<String> all = reference.values().stream().flatMap(List::stream).toList();
    assertThat(all).contains("admitted", "duplicate", "evidence", "held", "void", "rejected");
    assertThat(reference).containsValue(List.of("admitted", "duplicate"));
  }
}
