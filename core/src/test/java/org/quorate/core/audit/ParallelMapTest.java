package org.quorate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Results in the items' order whatever thread ran them; throws as a sequential loop would. */
class ParallelMapTest {
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void resultsComeInTheItemsOrderAndUseSeveralThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> in = items(1000);

    List<Integer> out =
        ParallelMap.map(
            in,
            i -> {
              threads.add(Thread.currentThread().getName());
              // uneven work, so that slices finish out of order
              long x = 0;
              for (int k = 0; k < (i % 7) * 2000; k++) {
                x += k ^ i;
              }
              return x >= 0 ? i * 2 : -1;
            },
            pool,
            4);

    assertThat(out).isEqualTo(in.stream().map(i -> i * 2).toList());
    assertThat(threads).contains(Thread.currentThread().getName());
  }

  @Test
  void theThrowOfTheLowestIndexIsRethrownAfterEverySliceIsDone() {
    Set<Integer> applied = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(
            () ->
                ParallelMap.map(
                    items(200),
                    i -> {
                      applied.add(i);
                      if (i == 150 || i == 40) {
                        throw new IllegalStateException("item " + i);
                      }
                      return i;
                    },
                    pool,
                    3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("item 40");
    assertThat(applied).hasSize(200);
  }

  @Test
  void anExecutorThatRefusesLeavesEveryItemToTheCaller() {
    String caller = Thread.currentThread().getName();

    List<String> out =
        ParallelMap.map(
            items(50),
            i -> Thread.currentThread().getName(),
            r -> {
              throw new RejectedExecutionException("full");
            },
            8);

    assertThat(out).hasSize(50).containsOnly(caller);
  }

  @Test
  void anExecutorThatNeverRunsItsTasksDoesNotHoldTheCallerUp() {
    List<Integer> out = ParallelMap.map(items(30), i -> i + 1, r -> {}, 4);

    assertThat(out).isEqualTo(IntStream.range(1, 31).boxed().toList());
  }

  @Test
  void noExecutorAndNoItems() {
    assertThat(ParallelMap.map(items(5), i -> i, null, 8)).containsExactly(0, 1, 2, 3, 4);
    assertThat(ParallelMap.map(List.<Integer>of(), i -> i, pool, 8)).isEmpty();
  }
}
