package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;
import static org.quorate.core.admission.LedgerFixture.id;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.cms.Ids;
import org.quorate.core.pki.CrlIds;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** The CRL recorded with each outcome (SPEC §2.5, {@link InputRecord#crlUsed()}). */
class LedgerCrlUsedTest {
  private static LedgerFixture f;
  private static Credential admin;

  @BeforeAll
  static void coalition() {
    f = new LedgerFixture();
    admin = f.polAuthority();
  }

  private InMemoryLedgerStore store;

  private Ledger fresh() {
    store = new InMemoryLedgerStore();
    return f.ledger(store, true);
  }

  private InputRecord record(byte[] der) {
    return store.byInputId(Ids.sha256Id(der)).orElseThrow();
  }

  private static String name(byte[] crlDer) throws Exception {
    return CrlIds.name(
        (X509CRL)
            CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(new ByteArrayInputStream(crlDer)));
  }

  private static byte[] crlContribution(long seq, String prev, byte[] crlDer, int minutes) {
    return TestPki.sign(LedgerFixture.crl(admin, "POL", seq, prev, crlDer, minutes), admin);
  }

  @Test
  void admittedWithoutAnyCrlRecordsNoneAndARejectedInputRecordsNothing() {
    Ledger ledger = fresh();
    Credential signer = f.polAuthority();
    byte[] ok = TestPki.sign(contribution(signer, "POL", 1, null, "ok", 10), signer);
    assertThat(ledger.submit(ok, "test").record().crlUsed()).isEqualTo("none");

    byte[] forged = ok.clone();
    forged[forged.length - 5] ^= 0x01;
    InputRecord r = ledger.submit(forged, "test").record();
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.crlUsed()).isNull();
  }

  @Test
  void voidRecordsTheRevokingCrlWhicheverArrivedFirst() throws Exception {
    Credential victim = f.polAuthority();
    byte[] crlDer = TestPki.crl(f.polCa, victim.certificate(), T0.plus(30, ChronoUnit.MINUTES));
    byte[] crl = crlContribution(1, null, crlDer, 50);
    byte[] before = TestPki.sign(contribution(victim, "POL", 1, null, "b", 10), victim);
    byte[] after =
        TestPki.sign(
            contribution(
                victim, "POL", 2, id(contribution(victim, "POL", 1, null, "b", 10)), "a", 40),
            victim);

    // CRL first: the later event is void at once, the earlier admitted, both judged with it.
    Ledger ledger = fresh();
    ledger.submit(crl, "test");
    ledger.submit(before, "test");
    ledger.submit(after, "test");
    assertThat(record(after).outcome()).isEqualTo(Outcome.VOID);
    assertThat(record(after).crlUsed()).isEqualTo(name(crlDer));
    assertThat(record(before).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(record(before).crlUsed()).isEqualTo(name(crlDer));
    String crlFirst = record(after).crlUsed();

    // CRL last: the admitted event is voided by it, and the record names it.
    ledger = fresh();
    ledger.submit(before, "test");
    ledger.submit(after, "test");
    assertThat(record(after).crlUsed()).isEqualTo("none");
    ledger.submit(crl, "test");
    assertThat(record(after).outcome()).isEqualTo(Outcome.VOID);
    assertThat(record(after).crlUsed()).isEqualTo(crlFirst);
    // The event before the revocation keeps the outcome (and provenance) it had.
    assertThat(record(before).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(record(before).crlUsed()).isEqualTo("none");
  }

  @Test
  void aNewCrlIsUsedForTheNextEventOfACredentialWhosePathWasCached() throws Exception {
    Ledger ledger = fresh();
    Credential signer = f.polAuthority();
    byte[] first = contribution(signer, "POL", 1, null, "first", 10);
    assertThat(ledger.submit(TestPki.sign(first, signer), "test").record().crlUsed())
        .isEqualTo("none");

    // A CRL of POL's anchor that revokes someone else: nothing to void, but the path of the
    // signer's next event is judged with it, not served stale from the validated-path cache.
    Credential other = f.polAuthority();
    byte[] crlDer = TestPki.crl(f.polCa, other.certificate(), T0);
    ledger.submit(crlContribution(1, null, crlDer, 15), "test");
    byte[] second = contribution(signer, "POL", 2, id(first), "second", 20);
    InputRecord r = ledger.submit(TestPki.sign(second, signer), "test").record();
    assertThat(r.outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(r.crlUsed()).isEqualTo(name(crlDer));

    // A second CRL now revoking the signer: its next event is void, naming that CRL only.
    byte[] revoking = TestPki.crl(f.polCa, signer.certificate(), T0.plus(25, ChronoUnit.MINUTES));
    ledger.submit(
        crlContribution(2, id(LedgerFixture.crl(admin, "POL", 1, null, crlDer, 15)), revoking, 26),
        "test");
    byte[] third = contribution(signer, "POL", 3, id(second), "third", 30);
    InputRecord v = ledger.submit(TestPki.sign(third, signer), "test").record();
    assertThat(v.outcome()).isEqualTo(Outcome.VOID);
    assertThat(v.crlUsed()).isEqualTo(name(revoking));
  }
}
