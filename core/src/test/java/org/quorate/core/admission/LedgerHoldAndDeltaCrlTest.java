package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;

import java.math.BigInteger;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.Ids;
import org.quorate.core.reason.ReasonCode;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Holds and delta CRLs delivered as {@code crl} contributions (SPEC §2 stage 5, RFC 5280 §5.2.4,
 * §5.3.1): a hold voids only the events issued while it was in force, a revocation listed only in a
 * delta CRL voids, and the outcomes are the same whatever the order in which the CRLs and events
 * arrive. CRLs made with Bouncy Castle at test time.
 *
 * <p>POL's root issues: a complete CRL #1 (thisUpdate T0+20) holding A, B, D and E from T0+15; a
 * delta CRL #2 on base #1 (thisUpdate T0+35) releasing A and B ({@code removeFromCRL}) and revoking
 * C (keyCompromise, T0+30); a complete CRL #3 (thisUpdate T0+50) listing only C.
 */
class LedgerHoldAndDeltaCrlTest {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private static LedgerFixture f;
  private static final Map<String, Credential> victims = new LinkedHashMap<>();
  private static final Map<String, byte[]> events = new LinkedHashMap<>();
  private static final Map<String, Outcome> expected = new LinkedHashMap<>();
  private static final List<byte[]> crls = new ArrayList<>();

  @BeforeAll
  static void coalition() throws Exception {
    f = new LedgerFixture();
    for (String v : List.of("A", "B", "C", "D", "E")) {
      victims.put(v, f.polAuthority());
    }
    // Each victim signs one event; the minute says when it is issued.
    event("A", 25, Outcome.VOID); // on hold at T0+25 (released only at T0+35)
    event("B", 40, Outcome.ADMITTED); // issued after the delta released the hold
    event("C", 40, Outcome.VOID); // revoked by the delta CRL only
    event("D", 45, Outcome.VOID); // hold in force until complete CRL #3 omits it at T0+50
    event("E", 55, Outcome.ADMITTED); // issued after CRL #3 no longer lists the hold

    byte[] base =
        crl(
            20,
            1,
            null,
            entry("A", 15, CRLReason.certificateHold),
            entry("B", 15, CRLReason.certificateHold),
            entry("D", 15, CRLReason.certificateHold),
            entry("E", 15, CRLReason.certificateHold));
    byte[] delta =
        crl(
            35,
            2,
            1L,
            entry("A", 34, CRLReason.removeFromCRL),
            entry("B", 34, CRLReason.removeFromCRL),
            entry("C", 30, CRLReason.keyCompromise));
    byte[] later = crl(50, 3, null, entry("C", 30, CRLReason.keyCompromise));
    int minute = 60;
    for (byte[] crl : List.of(base, delta, later)) {
      Credential admin = f.polAuthority(); // one chain per CRL: arrival order stays free
      crls.add(TestPki.sign(LedgerFixture.crl(admin, "POL", 1, null, crl, minute++), admin));
    }
  }

  @Test
  void holdReleasedByDeltaVoidsOnlyEventsIssuedWhileItWasInForce() {
    Map<String, Outcome> outcomes = run(List.of(0, 1, 2), true);
    assertThat(outcomes).containsExactlyEntriesOf(expected);
  }

  @Test
  void holdReleasedByDeltaArrivingBeforeItsBaseGivesTheSameOutcomes() {
    assertThat(run(List.of(1, 0, 2), false)).containsExactlyEntriesOf(expected);
  }

  @Test
  void outcomesAreTheSameWhateverTheArrivalOrderOfCrlsAndEvents() {
    List<List<Integer>> orders =
        List.of(
            List.of(0, 1, 2),
            List.of(0, 2, 1),
            List.of(1, 0, 2),
            List.of(1, 2, 0),
            List.of(2, 0, 1),
            List.of(2, 1, 0));
    for (List<Integer> order : orders) {
      for (boolean eventsFirst : List.of(true, false)) {
        assertThat(run(order, eventsFirst))
            .as("CRLs in order " + order + (eventsFirst ? " after" : " before") + " the events")
            .containsExactlyEntriesOf(expected);
      }
    }
    // Interleaved: the base, two events, the later complete CRL, the rest, then the delta.
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, true);
    ledger.submit(crls.get(0), "test");
    ledger.submit(events.get("A"), "test");
    ledger.submit(events.get("D"), "test");
    ledger.submit(crls.get(2), "test");
    ledger.submit(events.get("B"), "test");
    ledger.submit(events.get("C"), "test");
    ledger.submit(events.get("E"), "test");
    ledger.submit(crls.get(1), "test");
    assertThat(outcomes(store)).containsExactlyEntriesOf(expected);
  }

  @Test
  void revokedOnlyInADeltaCrlIsVoidAndNamesThatCrl() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, true);
    ledger.submit(events.get("C"), "test");
    assertThat(record(store, "C").outcome()).isEqualTo(Outcome.ADMITTED);
    ledger.submit(crls.get(1), "test");
    InputRecord c = record(store, "C");
    assertThat(c.outcome()).isEqualTo(Outcome.VOID);
    assertThat(c.reasonCode()).isEqualTo(ReasonCode.REVOKED.code());
  }

  @Test
  void revokedIntermediateVoidsEventsUnderItWhicheverArrivedFirst() throws Exception {
    Credential sub =
        TestPki.ca(
            f.polCa,
            "CN=POL Sub CA,O=Poland,C=PL",
            T0.minus(1, ChronoUnit.DAYS),
            T0.plus(365, ChronoUnit.DAYS),
            null);
    Credential officer =
        TestPki.signer(
            sub,
            LedgerFixture.POL_AUTHORITY,
            T0.minus(1, ChronoUnit.DAYS),
            T0.plus(365, ChronoUnit.DAYS));
    byte[] event =
        TestPki.sign(
            contribution(officer, "POL", 1, null, "under sub", 40), officer, sub.certificate());
    byte[] revokesSub =
        crl(
            30,
            7,
            null,
            new Entry(sub.certificate().getSerialNumber(), 20, CRLReason.keyCompromise));
    Credential admin = f.polAuthority();
    byte[] crlInput = TestPki.sign(LedgerFixture.crl(admin, "POL", 1, null, revokesSub, 50), admin);

    for (boolean crlFirst : List.of(true, false)) {
      InMemoryLedgerStore store = new InMemoryLedgerStore();
      Ledger ledger = f.ledger(store, true);
      List<byte[]> order = crlFirst ? List.of(crlInput, event) : List.of(event, crlInput);
      order.forEach(in -> ledger.submit(in, "test"));
      InputRecord r = store.byInputId(Ids.sha256Id(event)).orElseThrow();
      assertThat(r.outcome())
          .as("CRL first: " + crlFirst + ", " + r.reason())
          .isEqualTo(Outcome.VOID);
    }
  }

  private static Map<String, Outcome> run(List<Integer> crlOrder, boolean eventsFirst) {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, true);
    if (eventsFirst) {
      events.values().forEach(e -> ledger.submit(e, "test"));
    }
    for (int i : crlOrder) {
      InputRecord r = ledger.submit(crls.get(i), "test").record();
      assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.ADMITTED);
    }
    if (!eventsFirst) {
      events.values().forEach(e -> ledger.submit(e, "test"));
    }
    return outcomes(store);
  }

  private static Map<String, Outcome> outcomes(InMemoryLedgerStore store) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (String v : events.keySet()) {
      out.put(v, record(store, v).outcome());
    }
    return out;
  }

  private static InputRecord record(InMemoryLedgerStore store, String victim) {
    return store.byInputId(Ids.sha256Id(events.get(victim))).orElseThrow();
  }

  private static void event(String victim, int minute, Outcome outcome) {
    Credential c = victims.get(victim);
    events.put(victim, TestPki.sign(contribution(c, "POL", 1, null, victim, minute), c));
    expected.put(victim, outcome);
  }

  private record Entry(BigInteger serial, int minute, int reason) {}

  private static Entry entry(String victim, int minute, int reason) {
    return new Entry(victims.get(victim).certificate().getSerialNumber(), minute, reason);
  }

  /** A CRL of POL's root: thisUpdate T0+minute, CRL number, delta of base (or complete). */
  private static byte[] crl(int minute, long number, Long base, Entry... entries) throws Exception {
    X509v2CRLBuilder b =
        new X509v2CRLBuilder(
            X500Name.getInstance(f.polCa.certificate().getSubjectX500Principal().getEncoded()),
            Date.from(T0.plus(minute, ChronoUnit.MINUTES)));
    b.setNextUpdate(Date.from(T0.plus(minute + 60, ChronoUnit.MINUTES)));
    b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
    if (base != null) {
      b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(base)));
    }
    for (Entry e : entries) {
      b.addCRLEntry(e.serial(), Date.from(T0.plus(e.minute(), ChronoUnit.MINUTES)), e.reason());
    }
    return b.build(
            new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(BC)
                .build(f.polCa.keys().getPrivate()))
        .getEncoded();
  }
}
