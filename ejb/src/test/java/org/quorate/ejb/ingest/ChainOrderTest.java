package org.quorate.ejb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChainOrderTest {
  private static final long HOLD = TimeUnit.MILLISECONDS.toNanos(500);

  /** Event {@code s:n} of chain {@code s}; its predecessor is {@code s:n-1} (none for n = 1). */
  private static ChainOrder.Link link(String e) {
    if (e.startsWith("x")) {
      return null; // undecodable: no chain
    }
    String[] p = e.split(":");
    long n = Long.parseLong(p[1]);
    return new ChainOrder.Link("M\n" + p[0], n, e, n == 1 ? null : p[0] + ":" + (n - 1));
  }

  private static ChainOrder<String> order() {
    return new ChainOrder<>(ChainOrderTest::link, HOLD, 1000);
  }

  @Test
  void aChainNotSeenYetIsNeverHeldBack() {
    // After a restart the predecessor may be recorded already: do not wait for it.
    ChainOrder<String> o = order();
    assertThat(o.next(List.of("a:7", "x1"), 256, 0)).containsExactly("x1", "a:7");
    assertThat(o.waiting()).isZero();
  }

  @Test
  void aSuccessorWaitsForItsPredecessorInFlightThenJoinsItsGroup() {
    ChainOrder<String> o = order();
    o.recorded(o.next(List.of("a:1"), 256, 0));
    // a:3 arrives before a:2.
    assertThat(o.next(List.of("a:3", "b:1"), 256, 10)).containsExactly("b:1");
    assertThat(o.waiting()).isEqualTo(1);
    assertThat(o.nanosToNextDeadline(10)).isEqualTo(HOLD);
    List<String> g = o.next(List.of("a:2"), 256, 20);
    assertThat(g).containsExactly("a:2", "a:3");
    assertThat(o.waiting()).isZero();
    assertThat(o.nanosToNextDeadline(20)).isEqualTo(-1);
  }

  @Test
  void aGapCostsAtMostTheHoldBackTime() {
    ChainOrder<String> o = order();
    o.recorded(o.next(List.of("a:1"), 256, 0));
    assertThat(o.next(List.of("a:3"), 256, 100)).isEmpty();
    assertThat(o.nanosToNextDeadline(100 + HOLD - 1)).isEqualTo(1);
    assertThat(o.next(List.of(), 256, 100 + HOLD - 1)).isEmpty();
    assertThat(o.next(List.of(), 256, 100 + HOLD)).containsExactly("a:3");
  }

  @Test
  void aSuccessorOfARecordedEventGoesAtOnce() {
    ChainOrder<String> o = order();
    o.recorded(o.next(List.of("a:1", "a:2"), 256, 0));
    assertThat(o.next(List.of("a:3"), 256, 1)).containsExactly("a:3");
  }

  @Test
  void theGroupCapLeavesTheRestForTheNextGroupInOrder() {
    ChainOrder<String> o = order();
    assertThat(o.next(List.of("a:3", "a:1", "a:2"), 2, 0)).containsExactly("a:1", "a:2");
    assertThat(o.waiting()).isEqualTo(1);
    assertThat(o.next(List.of(), 2, 1)).containsExactly("a:3");
  }

  @Test
  void drainReturnsEverythingWaiting() {
    ChainOrder<String> o = order();
    o.recorded(o.next(List.of("a:1"), 256, 0));
    o.next(List.of("a:4", "a:3"), 256, 1);
    assertThat(o.drain()).containsExactlyInAnyOrder("a:3", "a:4");
    assertThat(o.waiting()).isZero();
  }

  @Test
  void shuffledChainsComeOutInChainOrderAndNothingIsLostOrRepeated() {
    Random random = new Random(42);
    for (int round = 0; round < 50; round++) {
      ChainOrder<String> o = order();
      List<String> all = new ArrayList<>();
      for (String s : List.of("a", "b", "c")) {
        for (int n = 1; n <= 40; n++) {
          all.add(s + ":" + n);
        }
      }
      // Chains start recorded, then the rest arrives shuffled in small batches.
      o.recorded(o.next(List.of("a:1", "b:1", "c:1"), 256, 0));
      List<String> rest = new ArrayList<>(all.subList(0, 0));
      for (String e : all) {
        if (!e.endsWith(":1")) {
          rest.add(e);
        }
      }
      Collections.shuffle(rest, random);
      List<String> out = new ArrayList<>(List.of("a:1", "b:1", "c:1"));
      long now = 1;
      int i = 0;
      while (i < rest.size() || o.waiting() > 0) {
        int k = Math.min(rest.size() - i, 1 + random.nextInt(8));
        List<String> group = o.next(rest.subList(i, i + k), 256, now);
        i += k;
        o.recorded(group);
        out.addAll(group);
        now += 1000; // far below the hold-back time: only order lets an input through
      }
      assertThat(out).containsExactlyInAnyOrderElementsOf(all);
      for (String s : List.of("a", "b", "c")) {
        assertThat(out.stream().filter(e -> e.startsWith(s + ":")).map(ChainOrderTest::seq))
            .isSorted();
      }
    }
  }

  private static long seq(String e) {
    return Long.parseLong(e.split(":")[1]);
  }
}
