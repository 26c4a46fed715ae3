package org.quorate.ejb.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A group counts each proposal it touched once ({@link DeferredRecounts}, issue 12), and the state
 * rows it records are those a count after each input recorded last for each proposal in the group:
 * same proposal, same trigger, same state (a count being a function of the events held).
 */
class DeferredRecountsTest {
  private static Trigger trigger(String id) {
    return new Trigger(id, "attestation", "POL", "admitted", null);
  }

  @Test
  void eachProposalIsCountedOnceWithItsLastTriggerInOrderOfLastTouch() {
    DeferredRecounts d = new DeferredRecounts();
    d.touch("p1", trigger("a1"));
    d.touch("p2", trigger("a2"));
    d.touch("p1", trigger("a3"));
    d.touch("p3", trigger("a4"));

    assertThat(d.size()).isEqualTo(3);
    List<Map.Entry<String, Trigger>> taken = d.take();
    assertThat(taken).extracting(Map.Entry::getKey).containsExactly("p2", "p1", "p3");
    assertThat(taken).extracting(e -> e.getValue().id()).containsExactly("a2", "a3", "a4");
    assertThat(d.size()).isZero();
    assertThat(d.take()).isEmpty();
  }

  @Test
  void touchesAfterATakeWaitForTheNextOneAndNoneOnceClosed() {
    DeferredRecounts d = new DeferredRecounts();
    d.touch("p1", trigger("a1"));
    d.take();
    assertThat(d.open()).isTrue();
    d.touch("p1", trigger("a2"));
    assertThat(d.take()).extracting(e -> e.getValue().id()).containsExactly("a2");
    d.close();
    assertThat(d.open()).isFalse();
    assertThatThrownBy(() -> d.touch("p1", trigger("a3")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("p1");
  }

  /**
   * A model of the projection: each event touches one proposal, a proposal's state is how many
   * events touched it so far (any function of the events held would do). Counting after each event
   * records a row per event; counting once per group records, per proposal the group touched, the
   * last of those rows, in order of last touch.
   */
  @Test
  void theRowsOfAGroupAreTheLastRowsPerProposalOfCountingAfterEachInput() {
    Random random = new Random(12);
    for (int run = 0; run < 200; run++) {
      int proposals = 1 + random.nextInt(5);
      Map<String, Integer> held = new HashMap<>();
      DeferredRecounts d = new DeferredRecounts();
      int events = 1 + random.nextInt(300);
      int event = 0;
      while (event < events) {
        int size = 1 + random.nextInt(40);
        List<String[]> perInput = new ArrayList<>();
        for (int i = 0; i < size && event < events; i++, event++) {
          String p = "p" + random.nextInt(proposals);
          String id = "e" + event;
          held.merge(p, 1, Integer::sum);
          perInput.add(new String[] {p, id, String.valueOf(held.get(p))});
          d.touch(p, trigger(id));
        }
        Map<String, String[]> lastPerProposal = new LinkedHashMap<>();
        for (String[] row : perInput) {
          lastPerProposal.remove(row[0]);
          lastPerProposal.put(row[0], row);
        }
        List<String> expected = new ArrayList<>();
        lastPerProposal.values().forEach(r -> expected.add(String.join(" ", r)));
        List<String> once = new ArrayList<>();
        for (Map.Entry<String, Trigger> e : d.take()) {
          once.add(e.getKey() + " " + e.getValue().id() + " " + held.get(e.getKey()));
        }
        assertThat(once).isEqualTo(expected);
      }
    }
  }
}
