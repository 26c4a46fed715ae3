package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.contribution;
import static org.quorate.core.admission.LedgerFixture.id;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Group commit splits admission in two: {@link Ledger#prepare} (stateless stages, run in parallel
 * before the group) and {@link Ledger#submit(Ledger.Prepared, String)} (stateful stages, in the
 * group's transaction). The split must not change any outcome.
 */
class LedgerPreparedTest {
  private static LedgerFixture f;

  @BeforeAll
  static void coalition() {
    f = new LedgerFixture();
  }

  @Test
  void preparingTouchesNoStoreAndJudgingLaterGivesTheSameOutcomes() {
    Credential pol = f.polAuthority();
    byte[] first = TestPki.sign(contribution(pol, "POL", 1, null, "one", 10), pol);
    byte[] second =
        TestPki.sign(
            contribution(
                pol, "POL", 2, id(contribution(pol, "POL", 1, null, "one", 10)), "two", 20),
            pol);
    byte[] garbage = {0x30, 0x03, 0x02, 0x01, 0x07};

    InMemoryLedgerStore untouched = new InMemoryLedgerStore();
    Ledger preparing = f.ledger(untouched, true);
    // Prepared in the order of arrival at the transports, successor first.
    List<Ledger.Prepared> prepared =
        List.of(preparing.prepare(second), preparing.prepare(first), preparing.prepare(garbage));
    assertThat(untouched.held()).isEmpty();
    assertThat(untouched.byInputId(prepared.get(0).inputId())).isEmpty();
    assertThat(prepared.get(2).decoded()).isNull();
    assertThat(prepared.get(2).failure()).isNotNull();

    InMemoryLedgerStore groupStore = new InMemoryLedgerStore();
    Ledger grouped = f.ledger(groupStore, true);
    prepared.forEach(p -> grouped.submit(p, "group"));
    List<Outcome> groupOutcomes =
        prepared.stream()
            .map(p -> groupStore.byInputId(p.inputId()).orElseThrow().outcome())
            .toList();

    InMemoryLedgerStore direct = new InMemoryLedgerStore();
    Ledger one = f.ledger(direct, true);
    one.submit(second, "direct");
    one.submit(first, "direct");
    one.submit(garbage, "direct");
    List<Outcome> directOutcomes =
        prepared.stream().map(p -> direct.byInputId(p.inputId()).orElseThrow().outcome()).toList();

    assertThat(groupOutcomes).isEqualTo(directOutcomes);
    assertThat(prepared.stream().map(p -> grouped.submit(p, "again").answered()).toList())
        .as("arriving again: duplicate / the same rejection")
        .containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.REJECTED);
    assertThat(directOutcomes)
        .as("the successor, held first, was released when its predecessor arrived")
        .containsExactly(Outcome.ADMITTED, Outcome.ADMITTED, Outcome.REJECTED);
  }
}
