package org.quorate.ejb.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the clock counts due proposals in transactions of one mission and a bounded number of
 * proposals each ({@link Recounter#batches}), so that the mission's lock is held only for one small
 * batch; nothing is lost or reordered.
 */
class RecounterBatchesTest {

  private static List<Recounter.Due> due(String mission, int n) {
    List<Recounter.Due> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Recounter.Due(mission, mission + "-p" + i));
    }
    return out;
  }

  @Test
  void batchesHoldOneMissionAndAtMostTheSize() {
    List<Recounter.Due> all = new ArrayList<>(due("A", 17));
    all.addAll(due("B", 2));
    all.addAll(due("C", 8));

    List<List<Recounter.Due>> batches = Recounter.batches(all, 8);

    assertThat(batches).extracting(List::size).containsExactly(8, 8, 1, 2, 8);
    for (List<Recounter.Due> b : batches) {
      assertThat(b).extracting(Recounter.Due::mission).containsOnly(b.get(0).mission());
    }
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(all);
  }

  @Test
  void aProposalDueByTimeAndByAnAdvisedDecisionIsCountedOnceInOrder() {
    List<Object[]> rows =
        List.of(
            new Object[] {"B", "b-late", 20L},
            new Object[] {"A", "a-2", 20L},
            new Object[] {"A", "a-1", 10L},
            new Object[] {"A", "a-2", 20L}, // due by time and advised: both queries found it
            new Object[] {"B", "b-early", 5L});

    assertThat(Recounter.dueOf(rows, 10))
        .extracting(Recounter.Due::proposal)
        .containsExactly("a-1", "a-2", "b-early", "b-late");
    assertThat(Recounter.dueOf(rows, 3))
        .extracting(Recounter.Due::proposal)
        .containsExactly("a-1", "a-2", "b-early");
  }

  @Test
  void nothingDueIsNoBatch() {
    assertThat(Recounter.batches(List.of(), 8)).isEmpty();
  }

  @Test
  void aBatchSizeBelowOneIsRefused() {
    assertThatThrownBy(() -> Recounter.batches(due("A", 1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below 1");
  }
}
