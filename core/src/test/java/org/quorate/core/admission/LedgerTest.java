package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.T0;
import static org.quorate.core.admission.LedgerFixture.contribution;
import static org.quorate.core.admission.LedgerFixture.id;

import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/** The ledger's state rules: holds and release, forks, CRL voiding in both arrival orders. */
class LedgerTest {
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
    return store.byInputId(org.quorate.core.cms.Ids.sha256Id(der)).orElseThrow();
  }

  @Test
  void eventIssuedAfterRevocationByAnEarlierCrlIsVoidAndOneBeforeIsAdmitted() {
    Ledger ledger = fresh();
    Credential victim = f.polAuthority();
    byte[] crl =
        TestPki.sign(
            LedgerFixture.crl(
                admin,
                "POL",
                1,
                null,
                TestPki.crl(f.polCa, victim.certificate(), T0.plus(30, ChronoUnit.MINUTES)),
                50),
            admin);
    assertThat(ledger.submit(crl, "test").record().outcome()).isEqualTo(Outcome.ADMITTED);

    byte[] before = contribution(victim, "POL", 1, null, "before", 10);
    byte[] after = contribution(victim, "POL", 2, id(before), "after", 40);
    InputRecord b = ledger.submit(TestPki.sign(before, victim), "test").record();
    InputRecord a = ledger.submit(TestPki.sign(after, victim), "test").record();

    assertThat(b.outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(a.outcome()).isEqualTo(Outcome.VOID);
    assertThat(a.reasonCode()).isEqualTo("revoked");
  }

  @Test
  void laterCrlVoidsAnAdmittedEventIssuedAfterTheRevocation() {
    Ledger ledger = fresh();
    Credential victim = f.polAuthority();
    byte[] before = TestPki.sign(contribution(victim, "POL", 1, null, "b", 10), victim);
    byte[] after =
        TestPki.sign(
            contribution(
                victim, "POL", 2, id(contribution(victim, "POL", 1, null, "b", 10)), "a", 40),
            victim);
    ledger.submit(before, "test");
    assertThat(ledger.submit(after, "test").record().outcome()).isEqualTo(Outcome.ADMITTED);

    byte[] crl =
        TestPki.sign(
            LedgerFixture.crl(
                admin,
                "POL",
                1,
                null,
                TestPki.crl(f.polCa, victim.certificate(), T0.plus(30, ChronoUnit.MINUTES)),
                50),
            admin);
    ledger.submit(crl, "test");

    assertThat(record(before).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(record(after).outcome()).isEqualTo(Outcome.VOID);
    assertThat(record(after).reason()).contains("revoked");
  }

  @Test
  void crlSignedByAnotherMembersAnchorIsRejected() {
    Ledger ledger = fresh();
    Credential victim = f.polAuthority();
    byte[] crl =
        TestPki.sign(
            LedgerFixture.crl(
                admin, "POL", 1, null, TestPki.crl(f.ltuCa, victim.certificate(), T0), 50),
            admin);
    InputRecord r = ledger.submit(crl, "test").record();
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.reasonCode()).isEqualTo("path-invalid");
  }

  @Test
  void inputsForAnUnknownMissionAreHeldAndReleasedWhenItIsLoaded() {
    store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, false);
    Credential c = f.polAuthority();
    byte[] e1 = contribution(c, "POL", 1, null, "1", 1);
    byte[] d1 = TestPki.sign(e1, c);
    byte[] d2 = TestPki.sign(contribution(c, "POL", 2, id(e1), "2", 2), c);
    assertThat(ledger.submit(d2, "test").record().outcome()).isEqualTo(Outcome.HELD);
    assertThat(ledger.submit(d1, "test").record().reasonCode()).isEqualTo("unknown-mission");

    store.load(f.mission);
    ledger.missionLoaded(LedgerFixture.MISSION);

    assertThat(record(d1).outcome()).isEqualTo(Outcome.ADMITTED);
    assertThat(record(d2).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  @Test
  void pendingMissionBecomesActiveWhenEveryFounderEndorsedAndReleasesWhatWaited() {
    store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, false);
    store.load(f.pendingMission());
    Credential pol = f.polAuthority();
    Credential ltu = f.ltuAuthority();
    byte[] early =
        TestPki.sign(contribution(pol, "POL", 2, id(endorsement(pol, "POL")), "early", 5), pol);
    assertThat(ledger.submit(early, "test").record().reasonCode()).isEqualTo("mission-pending");
    assertThat(ledger.submit(TestPki.sign(endorsement(pol, "POL"), pol), "test").record().outcome())
        .isEqualTo(Outcome.ADMITTED);
    assertThat(store.mission(LedgerFixture.MISSION).orElseThrow().pending()).isTrue();
    assertThat(record(early).reasonCode()).isEqualTo("mission-pending");

    byte[] wrong =
        LedgerFixture.event(
            ltu,
            "LTU",
            1,
            null,
            "genesis-endorsement",
            "{\"genesis\":\"sha256:" + "ab".repeat(32) + "\"}",
            1);
    assertThat(ledger.submit(TestPki.sign(wrong, ltu), "test").record().outcome())
        .isEqualTo(Outcome.REJECTED);
    assertThat(ledger.submit(TestPki.sign(endorsement(ltu, "LTU"), ltu), "test").record().outcome())
        .isEqualTo(Outcome.ADMITTED);

    assertThat(store.mission(LedgerFixture.MISSION).orElseThrow().pending()).isFalse();
    assertThat(record(early).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  private static byte[] endorsement(Credential c, String member) {
    return LedgerFixture.event(
        c,
        member,
        1,
        null,
        "genesis-endorsement",
        "{\"genesis\":\"" + f.mission.genesisId() + "\"}",
        1);
  }

  @Test
  void gapDeclarationLetsTheSuccessorOfAMissingEventIn() {
    Ledger ledger = fresh();
    Credential c = f.polAuthority();
    byte[] lost = contribution(c, "POL", 1, null, "lost", 1);
    byte[] next = TestPki.sign(contribution(c, "POL", 2, id(lost), "next", 2), c);
    assertThat(ledger.submit(next, "test").record().reasonCode()).isEqualTo("chain-gap");

    Credential ma = f.polMissionAuthority();
    String body =
        "{\"signer\":\""
            + org.quorate.core.cms.Ids.spkiHash(c.certificate())
            + "\",\"seq\":1,\"reason\":\"Lost with the field terminal\"}";
    byte[] gap =
        TestPki.sign(LedgerFixture.event(ma, "POL", 1, null, "gap-declaration", body, 3), ma);
    assertThat(ledger.submit(gap, "test").record().outcome()).isEqualTo(Outcome.ADMITTED);

    assertThat(record(next).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  @Test
  void gapDeclarationNeedsTheMissionAuthorityRole() {
    Ledger ledger = fresh();
    Credential c = f.polAuthority();
    String body =
        "{\"signer\":\""
            + org.quorate.core.cms.Ids.spkiHash(c.certificate())
            + "\",\"seq\":1,\"reason\":\"r\"}";
    InputRecord r =
        ledger
            .submit(
                TestPki.sign(LedgerFixture.event(c, "POL", 1, null, "gap-declaration", body, 3), c),
                "test")
            .record();
    assertThat(r.reasonCode()).isEqualTo("role-not-granted");
  }

  @Test
  void sweepReleasesWhatAConcurrentTransactionFailedToWake() {
    store = new InMemoryLedgerStore();
    Ledger ledger = f.ledger(store, true);
    Credential c = f.polAuthority();
    byte[] e1 = contribution(c, "POL", 1, null, "1", 1);
    byte[] d2 = TestPki.sign(contribution(c, "POL", 2, id(e1), "2", 2), c);
    assertThat(ledger.submit(d2, "test").record().outcome()).isEqualTo(Outcome.HELD);
    // The predecessor is admitted by a ledger that does not see the held input (another node
    // transaction in flight): nothing wakes it then.
    InMemoryLedgerStore other = new InMemoryLedgerStore();
    f.ledger(other, true).submit(TestPki.sign(e1, c), "test");
    InputRecord admitted = other.all().get(0);
    store.insert(admitted, TestPki.sign(e1, c));
    assertThat(record(d2).outcome()).isEqualTo(Outcome.HELD);

    assertThat(ledger.sweep()).isPositive();

    assertThat(record(d2).outcome()).isEqualTo(Outcome.ADMITTED);
  }

  @Test
  void forkMarksBothEventsAsEvidence() {
    Ledger ledger = fresh();
    Credential c = f.polAuthority();
    byte[] x = TestPki.sign(contribution(c, "POL", 1, null, "x", 1), c);
    byte[] y = TestPki.sign(contribution(c, "POL", 1, null, "y", 1), c);
    ledger.submit(x, "test");
    ledger.submit(y, "test");
    assertThat(record(x).outcome()).isEqualTo(Outcome.EVIDENCE);
    assertThat(record(y).outcome()).isEqualTo(Outcome.EVIDENCE);
    assertThat(record(x).conflictsWith()).isEqualTo(record(y).eventId());
  }

  @Test
  void exactReplayIsStoredOnceAndAnsweredDuplicate() {
    Ledger ledger = fresh();
    Credential c = f.polAuthority();
    byte[] d = TestPki.sign(contribution(c, "POL", 1, null, "r", 1), c);
    assertThat(ledger.submit(d, "test").answered()).isEqualTo(Outcome.ADMITTED);
    assertThat(ledger.submit(d, "test").answered()).isEqualTo(Outcome.DUPLICATE);
    assertThat(store.all()).hasSize(1);
    assertThat(record(d).replays()).isEqualTo(1);
  }

  /**
   * Past a bound on held inputs the next gap is rejected {@code held-limit}: the bound per mission
   * (1, no bound per signer of its own) holds back every signer; the bound per signer (2 of 10)
   * only the signer that reached it, so that one signer cannot push out another's held inputs.
   */
  @ParameterizedTest(name = "{0}: {1} per mission, {2} per signer")
  @CsvSource({"mission, 1, 1", "signer, 10, 2"})
  void heldInputsAreBoundedAndTheNextGapIsRejectedHeldLimit(
      String bound, int perMission, int perSigner) {
    store = new InMemoryLedgerStore();
    store.load(f.mission);
    Ledger ledger =
        new Ledger(
            new Admission(
                new org.quorate.core.cms.SignedDataVerifier(),
                new org.quorate.core.pki.CertificationPathValidator(),
                java.time.Duration.ofMinutes(5)),
            store,
            java.time.Clock.fixed(T0.plus(2, ChronoUnit.HOURS), java.time.ZoneOffset.UTC),
            new HeldLimits(perMission, java.time.Duration.ofDays(1), perSigner));
    Credential pol = f.polAuthority();
    Credential ltu = f.ltuAuthority();
    for (int i = 0; i < perSigner; i++) {
      byte[] gap =
          TestPki.sign(contribution(pol, "POL", 5 + i, id(new byte[] {(byte) i}), "p" + i, 1), pol);
      assertThat(ledger.submit(gap, "test").record().outcome()).isEqualTo(Outcome.HELD);
    }
    byte[] next = TestPki.sign(contribution(pol, "POL", 9, id(new byte[] {9}), "p9", 1), pol);
    InputRecord refused = ledger.submit(next, "test").record();
    assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(refused.reasonCode()).isEqualTo("held-limit");
    String polKey = org.quorate.core.cms.Ids.spkiHash(pol.certificate());
    assertThat(refused.reason())
        .contains(
            bound.equals("signer")
                ? perSigner + " inputs of signer " + polKey
                : perMission + " inputs for mission " + LedgerFixture.MISSION);
    byte[] other = TestPki.sign(contribution(ltu, "LTU", 5, id(new byte[] {7}), "l5", 1), ltu);
    InputRecord otherRecord = ledger.submit(other, "test").record();
    if (bound.equals("signer")) {
      assertThat(otherRecord.outcome())
          .as("another signer's input is still held")
          .isEqualTo(Outcome.HELD);
    } else {
      assertThat(otherRecord.outcome())
          .as("the mission's bound holds back every signer")
          .isEqualTo(Outcome.REJECTED);
      assertThat(otherRecord.reasonCode()).isEqualTo("held-limit");
    }
    assertThat(store.heldCount(LedgerFixture.MISSION, polKey)).isEqualTo(perSigner);
  }

  @Test
  void heldLimitsRefuseAPerSignerBoundAboveTheMissionBound() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HeldLimits(2, java.time.Duration.ofDays(1), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("per signer");
  }

  @Test
  void unsupportedMessageIsKeptRejected() {
    Ledger ledger = fresh();
    InputRecord r = ledger.unsupported(TestPki.utf8("hello"), "jms", "TextMessage").record();
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.reasonCode()).isEqualTo("unsupported-message");
    assertThat(store.bytes(r.inputId())).isEqualTo(TestPki.utf8("hello"));
  }
}
