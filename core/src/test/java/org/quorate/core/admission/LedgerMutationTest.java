package org.quorate.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.core.admission.LedgerFixture.contribution;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.quorate.core.cms.Ids;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * Mutations of a valid contribution (bit flips, truncations, insertions, deletions) through the
 * whole ledger: none escapes as an exception and each ends with exactly one recorded outcome.
 */
class LedgerMutationTest {
  private static byte[] valid;
  private static InMemoryLedgerStore store;
  private static Ledger ledger;

  @BeforeContainer
  static void setUp() {
    LedgerFixture f = new LedgerFixture();
    Credential c = f.polAuthority();
    valid = TestPki.sign(contribution(c, "POL", 1, null, "mutated", 1), c);
    store = new InMemoryLedgerStore();
    ledger = f.ledger(store, true);
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    Arbitrary<Byte> value = Arbitraries.bytes();
    return Combinators.combine(kind, position, value)
        .as(
            (k, p, v) -> {
              int at = p % valid.length;
              return switch (k) {
                case 0 -> {
                  byte[] m = valid.clone();
                  m[at] ^= (byte) (1 << (v & 7));
                  yield m;
                }
                case 1 -> java.util.Arrays.copyOf(valid, at);
                case 2 -> {
                  byte[] m = new byte[valid.length + 1];
                  System.arraycopy(valid, 0, m, 0, at);
                  m[at] = v;
                  System.arraycopy(valid, at, m, at + 1, valid.length - at);
                  yield m;
                }
                default -> {
                  byte[] m = new byte[valid.length - 1];
                  System.arraycopy(valid, 0, m, 0, at);
                  System.arraycopy(valid, at + 1, m, at, valid.length - at - 1);
                  yield m;
                }
              };
            });
  }

  @Property(tries = 3000)
  void everyMutationEndsWithOneRecordedOutcome(@ForAll("mutations") byte[] der) {
    Ledger.Submission s = ledger.submit(der, "mutation");
    InputRecord r = store.byInputId(Ids.sha256Id(der)).orElseThrow();
    assertThat(r).isSameAs(s.record());
    assertThat(r.outcome()).isNotNull();
    if (r.outcome() == Outcome.REJECTED) {
      assertThat(r.reasonCode()).isNotBlank();
      assertThat(r.reason()).isNotBlank();
    }
    assertThat(store.bytes(r.inputId())).isEqualTo(der);
  }
}
