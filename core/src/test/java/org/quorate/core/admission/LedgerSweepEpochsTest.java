package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.GovernanceFixture.LTU_AUTHORITY;
import static org.quorate.core.admission.GovernanceFixture.MISSION;
import static org.quorate.core.admission.GovernanceFixture.POL_AUTHORITY;
import static org.quorate.core.admission.GovernanceFixture.POL_NODE;
import static org.quorate.core.admission.GovernanceFixture.T0;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quorate.core.admission.GovernanceFixture.Signed;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.mission.Member;
import org.quorate.core.reason.ReasonCode;

/**
 * Issue 12: the held sweep used to drop every mission's derived roster epochs every 30 seconds, so
 * the next reader derived them again from the whole mission. The sweep now keeps them, and they
 * stay right: a sweep that releases a governance decision updates them, one that refuses a held
 * governance input leaves them as they were, and a derivation that overlaps a forget (a concurrent
 * transaction that changed them completing) is not cached.
 */
class LedgerSweepEpochsTest {
  private static final GovernanceFixture F = new GovernanceFixture();

  /** Derivations: each one reads the mission's admitted decisions first. */
  private final AtomicInteger derivations = new AtomicInteger();

  /** Run once at the next derivation (a concurrent transaction completing meanwhile). */
  private final AtomicReference<Runnable> duringDerivation = new AtomicReference<>();

  private final MutableClock clock = new MutableClock(T0.plus(2, ChronoUnit.HOURS));
  private LedgerStore store;
  private Signed proposal;
  private Signed concurPol;
  private Signed concurLtu;

  @BeforeEach
  void coalition() {
    InMemoryLedgerStore inner = new InMemoryLedgerStore();
    inner.load(F.mission);
    store =
        (LedgerStore)
            Proxy.newProxyInstance(
                LedgerStore.class.getClassLoader(),
                new Class<?>[] {LedgerStore.class},
                (self, method, args) -> {
                  if (method.getName().equals("admitted") && "decision".equals(args[1])) {
                    derivations.incrementAndGet();
                    Runnable r = duringDerivation.getAndSet(null);
                    if (r != null) {
                      r.run();
                    }
                  }
                  try {
                    return method.invoke(inner, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    proposal = F.proposal(F.admitEst(), "Admit Estonia", 60);
    concurPol = F.concur(POL_AUTHORITY, "POL", 0, proposal, 120);
    concurLtu = F.concur(LTU_AUTHORITY, "LTU", 0, proposal, 180);
  }

  private Ledger ledger(HeldLimits limits) {
    Ledger ledger = F.ledger(store, clock, limits);
    for (Signed s : List.of(proposal, concurPol, concurLtu)) {
      assertThat(ledger.submit(s.der(), "test").record().outcome()).isEqualTo(Outcome.ADMITTED);
    }
    return ledger;
  }

  /** The epochs as a fresh ledger (nothing cached) derives them from the same records. */
  private List<List<String>> derivedAfresh() {
    return members(F.ledger(store, clock, HeldLimits.DEFAULT).epochsOf(MISSION).orElseThrow());
  }

  private static List<List<String>> members(EpochChain chain) {
    return chain.epochs().stream().map(r -> r.members().stream().map(Member::id).toList()).toList();
  }

  @Test
  void aSweepThatChangesNothingKeepsTheDerivedEpochs() {
    Ledger ledger = ledger(HeldLimits.DEFAULT);
    EpochChain before = ledger.epochsOf(MISSION).orElseThrow();
    int derived = derivations.get();

    assertThat(ledger.sweep()).isZero();

    assertThat(ledger.epochsOf(MISSION).orElseThrow()).isSameAs(before);
    assertThat(derivations.get()).isEqualTo(derived);
  }

  @Test
  void aSweepThatReleasesAGovernanceDecisionUpdatesTheEpochs() {
    Ledger ledger = ledger(HeldLimits.DEFAULT);
    // Issued ten minutes ahead of the node's clock (beyond the five-minute skew): held until then.
    Signed decision = F.decision(0, proposal, List.of(concurPol, concurLtu), 2 * 3600 + 600);
    assertThat(ledger.submit(decision.der(), "test").record().outcome()).isEqualTo(Outcome.HELD);
    assertThat(members(ledger.epochsOf(MISSION).orElseThrow()))
        .containsExactly(List.of("POL", "LTU"));

    clock.advance(Duration.ofMinutes(11));
    assertThat(ledger.sweep()).isEqualTo(1);

    assertThat(store.byInputId(Ids.sha256Id(decision.der())).orElseThrow().outcome())
        .isEqualTo(Outcome.ADMITTED);
    EpochChain after = ledger.epochsOf(MISSION).orElseThrow();
    assertThat(members(after))
        .containsExactly(List.of("POL", "LTU"), List.of("POL", "LTU", "EST"))
        .isEqualTo(derivedAfresh());
    int derived = derivations.get();
    assertThat(ledger.sweep()).isZero();
    assertThat(ledger.epochsOf(MISSION).orElseThrow()).isSameAs(after);
    assertThat(derivations.get()).isEqualTo(derived);
  }

  @Test
  void aSweepThatRefusesAHeldGovernanceDecisionKeepsTheEpochsRight() {
    Ledger ledger = ledger(new HeldLimits(10_000, Duration.ofMinutes(1)));
    // The node's second event, its first never seen: held on its predecessor.
    Signed decision =
        F.decision(
            F.credential(POL_NODE),
            0,
            proposal,
            List.of(concurPol, concurLtu),
            240,
            2,
            "sha256:" + "0".repeat(64));
    assertThat(ledger.submit(decision.der(), "test").record().outcome()).isEqualTo(Outcome.HELD);
    EpochChain before = ledger.epochsOf(MISSION).orElseThrow();

    clock.advance(Duration.ofMinutes(2));
    assertThat(ledger.sweep()).isEqualTo(1);

    InputRecord refused = store.byInputId(Ids.sha256Id(decision.der())).orElseThrow();
    assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(refused.reasonCode()).isEqualTo(ReasonCode.HELD_LIMIT.code());
    assertThat(ledger.epochsOf(MISSION).orElseThrow()).isSameAs(before);
    assertThat(members(before)).containsExactly(List.of("POL", "LTU")).isEqualTo(derivedAfresh());
  }

  @Test
  void aDerivationOverlappingAForgetIsNotCached() {
    Ledger ledger = ledger(HeldLimits.DEFAULT);
    ledger.forgetDerived();
    duringDerivation.set(() -> ledger.forgetDerived(MISSION));
    int derived = derivations.get();

    EpochChain first = ledger.epochsOf(MISSION).orElseThrow();
    EpochChain second = ledger.epochsOf(MISSION).orElseThrow();
    EpochChain third = ledger.epochsOf(MISSION).orElseThrow();

    assertThat(derivations.get()).isEqualTo(derived + 2);
    assertThat(second).isNotSameAs(first).isSameAs(third);
  }

  /** A clock the test moves on. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
